using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Sharpgrad.IO;

/// <summary>
/// Reads a safetensors file: the 8-byte header length, the JSON header (validated by
/// <see cref="SafeTensorsHeader.Parse"/>), then each tensor's bytes straight from its range of the file.
/// Only the header and one tensor at a time are held as raw bytes.
/// </summary>
internal static class SafeTensorsReader
{
    public static SafeTensorsFile Read(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long fileLength = RandomAccess.GetLength(handle);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("SafeTensors: the format is little-endian and this machine is not.");
        if (fileLength < 8)
            throw SafeTensorsHeader.Corrupt(path, $"the file is {fileLength} bytes long, too short for the 8-byte header length that starts a safetensors file (truncated at byte {fileLength} of at least 8)");

        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(handle, lengthBytes, 0, path, fileLength);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8) || headerLength > (ulong)Array.MaxLength)
            throw SafeTensorsHeader.Corrupt(path, $"the header length {headerLength} (bytes 0..8) runs past the end of the file (byte {8 + (decimal)headerLength} of {fileLength})");

        long dataStart = 8 + (long)headerLength;
        var headerBytes = new byte[headerLength];
        ReadExactly(handle, headerBytes, 8, path, fileLength);
        var header = SafeTensorsHeader.Parse(headerBytes, path, dataStart, fileLength);

        var tensors = new Dictionary<string, Tensor>(header.Entries.Count);
        foreach (var entry in header.Entries)
        {
            var bytes = new byte[entry.End - entry.Begin];
            ReadExactly(handle, bytes, dataStart + entry.Begin, path, fileLength);
            tensors[entry.Name] = entry.DType.Decode(bytes, entry.Shape);
        }
        return new SafeTensorsFile(tensors, new Dictionary<string, string>(header.Metadata));
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; the file shrinking under us is reported as truncation.</summary>
    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string path, long fileLength)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int read = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (read == 0)
                throw SafeTensorsHeader.Corrupt(path, $"truncated at byte {offset + done} of {fileLength} (the file changed while it was read)");
            done += read;
        }
    }
}

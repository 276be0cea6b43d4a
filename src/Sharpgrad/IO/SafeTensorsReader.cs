using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Sharpgrad.IO;

/// <summary>
/// Reads a safetensors file: the 8-byte header length, the JSON header (validated by
/// <see cref="SafeTensorsHeader.Parse"/>), then each tensor's bytes straight from its range of the file.
/// Only the header and one tensor at a time are held as raw bytes. When the metadata records a
/// <see cref="SafeTensorsChecksum"/>, the data is verified against it and the entry is not returned.
/// </summary>
internal static class SafeTensorsReader
{
    /// <summary>
    /// The largest header accepted, as the reference reader's MAX_HEADER_SIZE: real headers are kilobytes, so a larger
    /// length means a damaged file, and reading it would allocate and parse that many bytes before saying so.
    /// </summary>
    public const long MaxHeaderLength = 100_000_000;

    public static SafeTensorsFile Read(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long fileLength = RandomAccess.GetLength(handle);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("SafeTensors: the format is little-endian and this machine is not.");
        if (fileLength < 8)
            throw SafeTensorsHeader.Corrupt(path, $"the file is {fileLength} bytes long, too short for the 8-byte header length that starts a safetensors file (truncated at byte {fileLength} of at least 8)");

        Span<byte> lengthBytes = stackalloc byte[9];
        int prefix = fileLength > 8 ? 9 : 8;
        ReadExactly(handle, lengthBytes[..prefix], 0, path, fileLength);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        CheckHeaderLength(path, headerLength, prefix == 9 ? lengthBytes[8] : null, fileLength);

        long dataStart = 8 + (long)headerLength;
        var headerBytes = new byte[headerLength];
        ReadExactly(handle, headerBytes, 8, path, fileLength);
        var header = SafeTensorsHeader.Parse(headerBytes, path, dataStart, fileLength);

        var metadata = new Dictionary<string, string>(header.Metadata);
        metadata.Remove(SafeTensorsChecksum.MetadataKey, out string? recorded);
        using var checksum = new SafeTensorsChecksum();
        var tensors = new Dictionary<string, Tensor>(header.Entries.Count);
        foreach (var entry in header.Entries) // in data order, tiling the data region (checked by Parse)
        {
            var bytes = new byte[entry.End - entry.Begin];
            ReadExactly(handle, bytes, dataStart + entry.Begin, path, fileLength);
            if (recorded is not null) checksum.Append(bytes);
            tensors[entry.Name] = entry.DType.Decode(bytes, entry.Shape);
        }
        if (recorded is not null) checksum.Verify(recorded, path, dataStart, fileLength);
        return new SafeTensorsFile(tensors, metadata);
    }

    /// <summary>
    /// Rejects a header length that cannot be right before anything is allocated, telling apart a file that is not
    /// safetensors at all (its header does not start with '{'), a length over <see cref="MaxHeaderLength"/>, and a
    /// truncated file (with how many bytes are missing).
    /// </summary>
    private static void CheckHeaderLength(string path, ulong headerLength, byte? firstHeaderByte, long fileLength)
    {
        if (firstHeaderByte is { } first && first != (byte)'{')
            throw SafeTensorsHeader.Corrupt(path,
                $"not a safetensors file: byte 8 is 0x{first:X2} where the JSON header must start with '{{' " +
                $"(read as a safetensors file, bytes 0..8 would give a header length of {headerLength})");
        if (headerLength > MaxHeaderLength)
            throw SafeTensorsHeader.Corrupt(path,
                $"the header length {headerLength} (bytes 0..8) is over the safetensors limit of {MaxHeaderLength} bytes (100 MB); " +
                "the file is damaged or not a safetensors file");
        long headerEnd = 8 + (long)headerLength;
        if (headerEnd > fileLength)
            throw SafeTensorsHeader.Corrupt(path,
                $"the file is truncated: its header (bytes 8..{headerEnd}) runs past the end of the file at byte {fileLength}; " +
                $"{headerEnd - fileLength} bytes of the header and all of the data are missing");
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

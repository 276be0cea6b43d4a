using System.IO.Compression;

namespace Sharpgrad.Data;

/// <summary>
/// A data file read front to back, gzip-compressed or plain: compression is recognised by the gzip magic bytes
/// 1f 8b at the start of the file, not by the file name, so <c>train-images-idx3-ubyte</c> and
/// <c>train-images-idx3-ubyte.gz</c> load alike. It counts the bytes it has delivered so that a short file is
/// reported as "<c>Reader: file: truncated at byte 1234 of 47040016</c>"; for a compressed file the offsets
/// count decompressed bytes, the ones the format describes.
/// </summary>
internal sealed class BinaryInput : IDisposable
{
    private readonly Stream stream;
    private readonly FileStream file;
    private readonly string reader;

    private BinaryInput(Stream stream, FileStream file, string reader, string fileName, bool compressed)
    {
        this.stream = stream;
        this.file = file;
        this.reader = reader;
        FileName = fileName;
        Compressed = compressed;
    }

    /// <summary>Opens <paramref name="path"/> for <paramref name="reader"/> (the name that starts every error message).</summary>
    public static BinaryInput Open(string path, string reader)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{reader}: {path}: no such file.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> magic = stackalloc byte[3];
        int got = file.ReadAtLeast(magic, 3, throwOnEndOfStream: false);
        file.Position = 0;
        bool gzip = got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        // RFC 1952 §2.3.1: byte 2 is the compression method, and 8 (deflate) is the only one defined. .NET reports any
        // damage as "unsupported compression method", so the method is checked here and that message is not passed on.
        if (gzip && (got < 3 || magic[2] != 8))
        {
            string found = got < 3 ? "missing" : $"0x{magic[2]:X2}";
            file.Dispose();
            throw new InvalidDataException($"{reader}: {Path.GetFileName(path)}: the gzip header's compression method (byte 2) is {found}; expected 0x08 (deflate), the only method gzip defines.");
        }
        Stream content = gzip ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16) : file;
        return new BinaryInput(content, file, reader, Path.GetFileName(path), gzip);
    }

    /// <summary>The file name (without directory), as error messages show it.</summary>
    public string FileName { get; }

    /// <summary>Whether the file is gzip-compressed.</summary>
    public bool Compressed { get; }

    /// <summary>How many (decompressed) bytes have been read so far: the offset of the next byte.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes. <paramref name="expectedLength"/> is the length the
    /// format says the whole file (or the part being read, such as a header) has, for the truncation message.
    /// </summary>
    public void ReadExactly(Span<byte> buffer, long expectedLength, string? part = null)
    {
        int done = ReadUpTo(buffer);
        if (done < buffer.Length)
            throw Error($"truncated at byte {Position} of {expectedLength}{Context(part)}");
    }

    /// <summary>Reads everything that is left of the file.</summary>
    public byte[] ReadToEnd()
    {
        using var rest = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = ReadUpTo(chunk)) > 0) rest.Write(chunk, 0, read);
        return rest.ToArray();
    }

    /// <summary>Throws when the file goes on after <paramref name="expectedLength"/> bytes, which the format says is its end.</summary>
    public void ExpectEnd(long expectedLength, string what)
    {
        Span<byte> probe = stackalloc byte[1];
        if (ReadUpTo(probe) > 0)
            throw Error($"the file goes on after byte {expectedLength}, where {what} end{Context(null)}; expected it to end there");
    }

    /// <summary>An error message that names the reader and the file: "<c>Reader: file: problem.</c>".</summary>
    public InvalidDataException Error(string problem) => new($"{reader}: {FileName}: {problem}.");

    private string Context(string? part)
    {
        var notes = new List<string>();
        if (part is not null) notes.Add(part);
        if (Compressed) notes.Add("offsets count decompressed bytes");
        return notes.Count == 0 ? "" : $" ({string.Join("; ", notes)})";
    }

    private int ReadUpTo(Span<byte> buffer)
    {
        int done;
        long compressedBefore = file.Position;
        try
        {
            done = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            // The decompressor reads ahead in blocks, so the damage lies somewhere in the compressed bytes it read for
            // this call; the decompressed offset is exact only up to the bytes already delivered.
            throw new InvalidDataException(
                $"{reader}: {FileName}: the gzip data is corrupt: decompression failed in compressed bytes {compressedBefore}..{file.Position} of {file.Length}, "
                + $"after at least {Position} good decompressed bytes (the deflate stream or its CRC-32 is damaged).", e);
        }
        Position += done;
        return done;
    }

    public void Dispose() => stream.Dispose();
}

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
    private readonly string reader;

    private BinaryInput(Stream stream, string reader, string fileName, bool compressed)
    {
        this.stream = stream;
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
        Span<byte> magic = stackalloc byte[2];
        int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        bool gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        Stream content = gzip ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16) : file;
        return new BinaryInput(content, reader, Path.GetFileName(path), gzip);
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
        try
        {
            done = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Error($"the gzip data is corrupt after decompressed byte {Position} ({e.Message.TrimEnd('.')})");
        }
        Position += done;
        return done;
    }

    public void Dispose() => stream.Dispose();
}

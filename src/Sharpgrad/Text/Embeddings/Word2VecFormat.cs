using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The file formats of word2vec's C tool, which gensim writes with <c>save_word2vec_format</c> and reads with
/// <c>KeyedVectors.load_word2vec_format</c>. Both start with a header line "V d". The text format then has one line
/// per word: the word and d numbers, separated by single spaces. The binary format has, per word, the word's UTF-8
/// bytes, a space and d little-endian float32 values; word2vec ends each record with '\n' and gensim 4 does not,
/// so the reader skips line breaks before a word and the writer writes word2vec's. Words may not hold spaces or line
/// breaks. A malformed file is an <see cref="InvalidDataException"/> naming the file, the line (text) or byte offset
/// (binary) and what was expected.
/// </summary>
public static class Word2VecFormat
{
    /// <summary>Writes <paramref name="vectors"/> to <paramref name="path"/> in the text (default) or binary format.</summary>
    public static void Save(KeyedVectors vectors, string path, bool binary = false)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(path);
        foreach (var word in vectors.Words)
            if (word.Length == 0 || word.Any(c => c is ' ' or '\n' or '\r'))
                throw new ArgumentException($"Word2VecFormat.Save: the word '{word}' is empty or holds a space or line break, which the format cannot store.", nameof(vectors));
        // Written to a temporary file and renamed, so a failure never leaves a truncated vectors file.
        // AtomicFile's stream is already buffered (64 KB), and it must stay open for the flush that follows.
        Sharpgrad.IO.AtomicFile.Write(path, stream =>
        {
            WriteAscii(stream, $"{vectors.Count} {vectors.VectorSize}\n");
            var bytes = new byte[vectors.VectorSize * sizeof(float)];
            var line = new StringBuilder();
            foreach (var word in vectors.Words)
            {
                var vector = vectors[word];
                if (binary)
                {
                    stream.Write(Encoding.UTF8.GetBytes(word + " "));
                    for (int k = 0; k < vector.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(k * sizeof(float)), vector[k]);
                    stream.Write(bytes);
                    stream.WriteByte((byte)'\n');
                }
                else
                {
                    line.Clear().Append(word);
                    // The shortest text that reads back as the same float ("R" is the default since .NET Core 3.0).
                    foreach (float x in vector) line.Append(' ').Append(x.ToString(CultureInfo.InvariantCulture));
                    stream.Write(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
                }
            }
        });
    }

    /// <summary>Reads a file in the text (default) or binary format.</summary>
    public static KeyedVectors Load(string path, bool binary = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Word2VecFormat.Load: the vectors file '{path}' does not exist.", path);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        return binary ? LoadBinary(stream, path) : LoadText(stream, path);
    }

    private static KeyedVectors LoadText(Stream stream, string path)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var (count, size) = ParseHeader(reader.ReadLine(), path, "line 1", stream.Length);
        var words = new string[count];
        var vectors = new float[(long)count * size];
        for (int i = 0; i < count; i++)
        {
            int lineNumber = i + 2;
            string line = reader.ReadLine()
                ?? throw Malformed(path, $"line {lineNumber}", $"the file ends after {i} of the {count} vectors its header announces");
            var fields = line.TrimEnd().Split(' ');
            if (fields.Length != size + 1)
                throw Malformed(path, $"line {lineNumber}", $"expected a word and {size} numbers separated by single spaces, got {fields.Length} fields");
            words[i] = fields[0];
            for (int k = 0; k < size; k++)
            {
                if (!float.TryParse(fields[k + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out float x))
                    throw Malformed(path, $"line {lineNumber}, column {k + 2}", $"expected a number for element {k} of '{fields[0]}', got '{fields[k + 1]}'");
                vectors[(long)i * size + k] = x;
            }
        }
        return Create(words, vectors, size, path);
    }

    private static KeyedVectors LoadBinary(Stream stream, string path)
    {
        long offset = 0;
        var header = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            header.Add((byte)b);
            if (header.Count > 64) throw Malformed(path, "byte offset 0", "expected a header line \"V d\" of at most 64 bytes ending in a line break");
        }
        offset += header.Count + 1;
        var (count, size) = ParseHeader(b < 0 ? null : Encoding.UTF8.GetString([.. header]), path, "byte offset 0", stream.Length);
        var words = new string[count];
        var vectors = new float[(long)count * size];
        var bytes = new byte[size * sizeof(float)];
        var word = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            long start = offset;
            word.Clear();
            while (true)
            {
                b = stream.ReadByte();
                if (b < 0) throw Malformed(path, $"byte offset {offset}", $"the file ends inside record {i} of {count}; expected a word, a space and {bytes.Length} bytes of vector");
                offset++;
                if (b == ' ') break;
                if (b is '\n' or '\r' && word.Count == 0) continue; // word2vec's line break after the previous vector
                word.Add((byte)b);
            }
            if (word.Count == 0) throw Malformed(path, $"byte offset {start}", $"record {i} of {count} has an empty word");
            words[i] = Encoding.UTF8.GetString([.. word]);
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length)
                throw Malformed(path, $"byte offset {offset + read}", $"the vector of '{words[i]}' (record {i} of {count}) is cut short: expected {bytes.Length} bytes ({size} float32), got {read}");
            offset += read;
            for (int k = 0; k < size; k++) vectors[(long)i * size + k] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(k * sizeof(float)));
        }
        return Create(words, vectors, size, path);
    }

    /// <summary>
    /// The header "V d". Before anything is allocated, V·d must fit in an array and be no more than the file's bytes
    /// (every value takes at least one), so a damaged header is an error naming it rather than an out-of-memory crash;
    /// a file merely cut short is reported later, at the record where it ends.
    /// </summary>
    private static (int Count, int Size) ParseHeader(string? line, string path, string where, long fileBytes)
    {
        var fields = line?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: 2 } || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int count) || count < 0
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int size) || size < 1)
            throw Malformed(path, where, $"expected a header \"V d\" of two integers (V ≥ 0 words, d ≥ 1 dimensions), got '{line ?? "(end of file)"}'");
        long values = (long)count * size;
        if (values > Array.MaxLength || values > fileBytes)
            throw Malformed(path, where, $"the header announces {count} vectors of {size} values, more than the file's {fileBytes} bytes can hold");
        return (count, size);
    }

    private static KeyedVectors Create(string[] words, float[] vectors, int size, string path)
    {
        try { return new KeyedVectors(words, vectors, size); }
        catch (ArgumentException ex) { throw new InvalidDataException($"Word2VecFormat: '{path}': {ex.Message}", ex); }
    }

    private static InvalidDataException Malformed(string path, string where, string what) =>
        new($"Word2VecFormat: '{path}', {where}: {what}.");

    private static void WriteAscii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}

using System.Text;

namespace Sharpgrad.Text;

/// <summary>
/// Streams sentences of tokens from one or more UTF-8 text files without loading them: each file is read through
/// a buffer of <c>bufferSize</c> characters, and the <see cref="Tokenizer"/>'s rules run character by character, so a
/// word cut by the buffer's edge is joined again. A sentence is one line; blank lines give nothing, and a line of
/// more than <c>maxSentenceLength</c> tokens is yielded in pieces of that many (gensim cuts at 10000 words too, and
/// word2vec's C code at 1000), so memory stays bounded by the buffer, one sentence and one word. The end of a file
/// ends its last sentence. Enumerating again reads the files again, as an epoch loop needs.
/// </summary>
public sealed class CorpusReader
{
    private readonly string[] paths;
    private readonly Tokenizer tokenizer;
    private readonly int bufferSize;
    private readonly int maxSentenceLength;

    public CorpusReader(IEnumerable<string> paths, Tokenizer? tokenizer = null, int bufferSize = 1 << 16, int maxSentenceLength = 10000)
    {
        ArgumentNullException.ThrowIfNull(paths);
        this.paths = [.. paths];
        if (this.paths.Length == 0) throw new ArgumentException("CorpusReader: expected at least one corpus file, got none.", nameof(paths));
        foreach (var path in this.paths)
            if (!File.Exists(path)) throw new FileNotFoundException($"CorpusReader: corpus file '{path}' does not exist.", path);
        if (bufferSize < 1) throw new ArgumentException($"CorpusReader: bufferSize must be at least 1 character, got {bufferSize}.", nameof(bufferSize));
        if (maxSentenceLength < 1)
            throw new ArgumentException($"CorpusReader: maxSentenceLength must be at least 1 token, got {maxSentenceLength}.", nameof(maxSentenceLength));
        this.tokenizer = tokenizer ?? new Tokenizer();
        this.bufferSize = bufferSize;
        this.maxSentenceLength = maxSentenceLength;
    }

    public CorpusReader(string path, Tokenizer? tokenizer = null, int bufferSize = 1 << 16, int maxSentenceLength = 10000)
        : this([path], tokenizer, bufferSize, maxSentenceLength) { }

    /// <summary>The sentences of every file in order; each list is new, so callers may keep it.</summary>
    public IEnumerable<List<string>> Sentences()
    {
        foreach (var path in paths)
            foreach (var sentence in SentencesOf(path))
                yield return sentence;
    }

    /// <summary>All tokens of every file, sentence boundaries dropped (what a vocabulary is counted from).</summary>
    public IEnumerable<string> Tokens() => Sentences().SelectMany(s => s);

    private IEnumerable<List<string>> SentencesOf(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize);
        var buffer = new char[bufferSize];
        var scanner = new TokenScanner(tokenizer);
        var sentence = new List<string>();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == '\n') scanner.Flush(sentence);
                else scanner.Feed(buffer[i], sentence);
                if (sentence.Count > 0 && (buffer[i] == '\n' || sentence.Count == maxSentenceLength))
                {
                    yield return sentence;
                    sentence = [];
                }
            }
        }
        scanner.Flush(sentence);
        if (sentence.Count > 0) yield return sentence;
    }
}

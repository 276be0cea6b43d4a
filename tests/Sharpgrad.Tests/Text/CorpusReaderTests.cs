using System.Text;
using Sharpgrad.Tests.IO;
using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>
/// The streaming reader against reading the file whole: the same sentences whatever the buffer, with words, apostrophes
/// and multi-byte characters cut by buffer edges.
/// </summary>
public class CorpusReaderTests : TempDirectory
{
    /// <summary>What the reader promises, computed the plain way: every line of the whole text, tokenized, blank ones left out.</summary>
    private static List<List<string>> ReadWhole(Tokenizer tokenizer, params string[] paths) =>
        [.. paths.SelectMany(p => File.ReadAllText(p).Split('\n')).Select(tokenizer.Tokenize).Where(s => s.Count > 0)];

    private string GeneratedCorpus(int lines)
    {
        string[] words = ["Don't", "rock'n'roll", "café", "Σίσυφος", "mp3", "the", "2024", "naïve", "it\u2019s", "'quoted'", "a--b", "x"];
        var random = new Random(5);
        var text = new StringBuilder();
        for (int line = 0; line < lines; line++)
        {
            int length = random.Next(0, 40); // some lines are blank
            for (int i = 0; i < length; i++) text.Append(words[random.Next(words.Length)]).Append(i % 7 == 6 ? ", " : " ");
            text.Append(line % 3 == 0 ? "\r\n" : "\n");
        }
        var path = PathOf("corpus.txt");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(61)]
    [InlineData(1 << 16)]
    public void StreamingGivesTheSameSentencesAsReadingWhole(int bufferSize)
    {
        var path = GeneratedCorpus(lines: 4000);
        Assert.True(new FileInfo(path).Length > 3 * (1 << 16), "the corpus must be larger than every buffer tried");
        foreach (var tokenizer in new[] { new Tokenizer(), new Tokenizer(lowerCase: false, DigitPolicy.Drop) })
        {
            var streamed = new CorpusReader(path, tokenizer, bufferSize).Sentences().ToList();
            Assert.Equal(ReadWhole(tokenizer, path), streamed);
        }
    }

    [Fact]
    public void EachFileEndsItsLastSentenceAndLongLinesArePieced()
    {
        File.WriteAllText(PathOf("one.txt"), "A b c d e\n\nf");
        File.WriteAllText(PathOf("two.txt"), "g h");
        var reader = new CorpusReader([PathOf("one.txt"), PathOf("two.txt")], maxSentenceLength: 2);
        Assert.Equal([["a", "b"], ["c", "d"], ["e"], ["f"], ["g", "h"]], reader.Sentences().ToList());
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], reader.Tokens());
        Assert.Equal(reader.Sentences(), reader.Sentences()); // enumerating again reads again
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        File.WriteAllText(PathOf("a.txt"), "a");
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => new CorpusReader(PathOf("missing.txt"))).Message);
        Assert.Contains("bufferSize must be at least 1 character, got 0",
            Assert.Throws<ArgumentException>(() => new CorpusReader(PathOf("a.txt"), bufferSize: 0)).Message);
        Assert.Contains("maxSentenceLength must be at least 1 token, got 0",
            Assert.Throws<ArgumentException>(() => new CorpusReader(PathOf("a.txt"), maxSentenceLength: 0)).Message);
        Assert.Contains("expected at least one corpus file", Assert.Throws<ArgumentException>(() => new CorpusReader(Array.Empty<string>())).Message);
    }
}

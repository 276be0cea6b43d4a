using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Sharpgrad.Tests.Text.Embeddings;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>`sharpgrad embed train|query|corpus` on small files: results, and one-line errors for bad input.</summary>
public sealed class EmbedCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sharpgrad-embed-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["embed", .. args], new TestConsole(), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void TrainThenQueryFindsTheWordThatSharesContexts()
    {
        File.WriteAllLines(PathOf("corpus.txt"), Word2VecTrainingTests.TwoTopicCorpus().Select(s => string.Join(' ', s)));
        var (exit, output, error) = Run("train", "--corpus", PathOf("corpus.txt"), "--size", "16", "--window", "2", "--epochs", "10",
            "--sample", "0", "--alpha", "0.05", "--min-count", "1", "--threads", "2", "--deterministic", "--seed", "11", "--out", PathOf("v.bin"));
        Assert.True(exit == 0, error);
        Assert.Contains("vocabulary: 16 words seen at least 1 times, 3000 tokens", output);
        Assert.Contains("trained 30000 words in", output);
        Assert.Contains("(2 threads, deterministic)", output);
        Assert.Contains("saved 16 vectors to", output);

        (exit, output, error) = Run("query", "--vectors", PathOf("v.bin"), "--word", "cat", "--top", "1");
        Assert.True(exit == 0, error);
        Assert.StartsWith("dog\t", output);
        (exit, output, _) = Run("query", "--vectors", PathOf("v.bin"), "--analogy", "cat", "dog", "car", "--method", "cosmul", "--top", "1");
        Assert.Equal(0, exit);
        Assert.StartsWith("bus\t", output);
    }

    /// <summary>Each --objective trains skip-gram so that the two words sharing contexts are neighbours; hs alone drops the noise words.</summary>
    [Theory]
    [InlineData("nce", "objective: NCE (k = 5)")]
    [InlineData("hs", "objective: hierarchical softmax")]
    [InlineData("ns", "objective: negative sampling (k = 5)")]
    public void EveryObjectiveTrainsSkipGram(string objective, string expected)
    {
        File.WriteAllLines(PathOf("corpus.txt"), Word2VecTrainingTests.TwoTopicCorpus().Select(s => string.Join(' ', s)));
        var (exit, output, error) = Run("train", "--corpus", PathOf("corpus.txt"), "--objective", objective, "--size", "16", "--window", "2",
            "--epochs", "10", "--sample", "0", "--alpha", "0.05", "--min-count", "1", "--threads", "1", "--seed", "11", "--out", PathOf("v.txt"));
        Assert.True(exit == 0, error);
        Assert.Contains(expected + Environment.NewLine, output); // the whole line: hs alone has no " + negative sampling"
        (exit, output, error) = Run("query", "--vectors", PathOf("v.txt"), "--word", "cat", "--top", "1");
        Assert.True(exit == 0, error);
        Assert.StartsWith("dog\t", output);
    }

    [Fact]
    public void AnUnknownObjectiveIsAOneLineError()
    {
        File.WriteAllLines(PathOf("corpus.txt"), ["a b c"]);
        var (exit, _, error) = Run("train", "--corpus", PathOf("corpus.txt"), "--objective", "softmax");
        Assert.NotEqual(0, exit);
        Assert.Contains("ns, nce, hs", error);
        Assert.DoesNotContain("   at ", error);
    }

    /// <summary>
    /// GloVe and fastText from the command line, on the experiments' tiny corpus (six leaky topics, 53 words): the file
    /// loads and automobile's nearest word is in its topic.
    /// </summary>
    [Theory]
    [InlineData("glove", "trained GloVe on", "--x-max", "10")]
    [InlineData("fasttext", "trained 60000 words in", "--buckets", "997")]
    public void GloVeAndFastTextTrainFromTheCommandLine(string model, string expected, string option, string value)
    {
        File.WriteAllLines(PathOf("corpus.txt"), EmbeddingCorpus.Tiny(seed: 0).Sentences.Select(s => string.Join(' ', s)));
        var (exit, output, error) = Run("train", "--corpus", PathOf("corpus.txt"), "--model", model, "--size", "8", "--window", "2",
            "--epochs", "10", "--sample", "0", "--alpha", "0.05", "--min-count", "1", "--threads", "1", "--seed", "3", option, value, "--out", PathOf("v.txt"));
        Assert.True(exit == 0, error);
        Assert.Contains(expected, output);
        Assert.Contains("saved 53 vectors to", output);
        (exit, output, error) = Run("query", "--vectors", PathOf("v.txt"), "--word", "automobile", "--top", "1");
        Assert.True(exit == 0, error);
        string[] topic = ["motorcar", .. EmbeddingCorpus.TinyTopics[0].Context];
        Assert.Contains(output.Split('\t')[0], topic);
    }

    [Fact]
    public void AnEmptyCorpusIsAOneLineError()
    {
        File.WriteAllText(PathOf("empty.txt"), "\n\n");
        var (exit, _, error) = Run("train", "--corpus", PathOf("empty.txt"));
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains("the corpus is empty", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("2 2\ncat 1 0\ndog 0 1\n", "zebra", "the word 'zebra' is not in the 2 words of")]
    [InlineData("3 2\ncat 1 0\ndog 0 1\ncats 1 1\n", "catt", "the word 'catt' is not in the 3 words of")]
    [InlineData("2 2\ncat 1 0\ndog 0\n", "cat", "line 3: expected a word and 2 numbers separated by single spaces, got 2 fields")]
    public void AnUnknownWordOrAMalformedFileIsAOneLineError(string vectors, string word, string expected)
    {
        File.WriteAllText(PathOf("v.txt"), vectors);
        var (exit, _, error) = Run("query", "--vectors", PathOf("v.txt"), "--word", word);
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>
    /// An unknown word gets the nearest vocabulary word by character n-grams: "catt" (10 distinct 3–6-grams) shares
    /// &lt;ca, &lt;cat, cat with "cat" (6 n-grams: Jaccard 3/13 = 0.23) and the same three with "cats" (10: 3/17 = 0.18),
    /// none with "dog"; "zebra" shares nothing with any word, so it gets no suggestion.
    /// </summary>
    [Theory]
    [InlineData("catt", "; did you mean 'cat'?")]
    [InlineData("zebra", "words of VECTORS.")]
    public void AnUnknownWordGetsASuggestionBySpelling(string word, string expected)
    {
        File.WriteAllText(PathOf("v.txt"), "3 2\ncat 1 0\ndog 0 1\ncats 1 1\n");
        var (exit, _, error) = Run("query", "--vectors", PathOf("v.txt"), "--word", word);
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.EndsWith(expected.Replace("VECTORS", PathOf("v.txt")), error.Trim());
    }

    [Fact]
    public void QueryNeedsAWordOrAnAnalogy()
    {
        File.WriteAllText(PathOf("v.txt"), "1 1\ncat 1\n");
        var (exit, _, error) = Run("query", "--vectors", PathOf("v.txt"));
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("give either --word X or --analogy A B C", error);
    }
}

using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>`sharpgrad experiments list` and `sharpgrad experiments run`, and the catalogue's metadata.</summary>
public sealed class ExperimentsCommandTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-experiments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    private static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var console = new TestConsole { Profile = { Width = 400 } };
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(args, console, new StringWriter(), error);
        return (exit, console.Output, error.ToString());
    }

    [Fact]
    public void ListShowsEveryExperimentId()
    {
        var (exit, output, _) = Cli("experiments", "list");
        Assert.Equal(0, exit);
        string[] expected =
        [
            "polynomial-fit", "weight-decay", "learning-curves", "digits-pca", "digits-tsne", "svm-vs-tree", "optimizers",
            "distillation", "seq2seq-attention", "gan-dynamics", "linear-autoencoder", "vae", "rbm", "dnc-copy", "memn2n-babi",
            "rnn-gradient-decay", "echo-state", "long-lag", "char-lm", "bandit", "maze-value-iteration", "cartpole-reinforce",
            "cartpole-dqn", "cartpole-exploration", "xor", "capacity", "bias-variance", "momentum", "init-scales", "second-order",
            "gd-quadratic", "saddle", "kl-asymmetry", "ntm-copy", "dnc-graph", "transformer-vs-lstm",
            "word2vec-neighbours", "negative-sampling-vs-hs", "glove-vs-word2vec", "fasttext-oov", "doc2vec-topics",
            "autoencoder-vs-pca", "denoising", "gan", "dbn", "nade",
            "mlp-vs-cnn", "early-stopping", "ensembles", "dropout", "batchnorm", "adversarial",
            "conv-filters", "easgd-vs-sgd", "int8-quantisation",
        ];
        Assert.Equal(expected, ExperimentRegistry.All.Select(e => e.Info.Id));
        foreach (var id in expected) Assert.Contains(id, output);
        Assert.Contains($"{expected.Length} of {expected.Length} experiments", output);
    }

    [Fact]
    public void EveryEntryHasTheCatalogueMetadata()
    {
        var infos = ExperimentRegistry.All.Select(e => e.Info).ToList();
        Assert.Equal(infos.Count, infos.Select(i => i.Id).Distinct().Count());
        foreach (var info in infos)
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", info.Id);
            Assert.False(string.IsNullOrWhiteSpace(info.Title), info.Id);
            Assert.EndsWith(".", info.Claim);
            Assert.Contains(info.Area, Areas.InReadingOrder);
            Assert.NotEmpty(info.Tags);
            Assert.True(info.TypicalRunTime > TimeSpan.Zero, info.Id);
            // At least one reference names a book and a chapter, so the report can index it.
            Assert.Contains(info.Books, r => r.Chapter is not null);
        }
    }

    [Fact]
    public void ListFiltersByBookChapterAndTag()
    {
        var (_, gbc5, _) = Cli("experiments", "list", "--book", "gbc", "--chapter", "5");
        Assert.Contains("polynomial-fit", gbc5);
        Assert.Contains("learning-curves", gbc5);
        Assert.DoesNotContain("bandit", gbc5);       // Sutton & Barto and NYU only
        Assert.DoesNotContain("dnc-copy", gbc5);

        var (_, buduma, _) = Cli("experiments", "list", "--book", "Buduma");
        Assert.Contains("dnc-copy", buduma);
        Assert.DoesNotContain("polynomial-fit", buduma);

        var (_, tagged, _) = Cli("experiments", "list", "--tag", "lstm");
        Assert.Contains("long-lag", tagged);
        Assert.DoesNotContain("vae", tagged);
    }

    [Theory]
    [InlineData("GBC Fig. 5.3", "GBC", 5)]
    [InlineData("GBC §20.10.4", "GBC", 20)]
    [InlineData("Buduma ch4", "Buduma", 4)]
    [InlineData("Sutton & Barto Fig. 2.2", "Sutton & Barto", 2)]
    [InlineData("CLS Fig. 3.21", "CLS", 3)]
    [InlineData("GBC Alg. 18.2", "GBC", 18)]
    public void BookReferencesYieldTheBookAndTheChapter(string text, string book, int chapter)
    {
        var reference = BookReference.Parse(text);
        Assert.Equal(book, reference.Book);
        Assert.Equal(chapter, reference.Chapter);
        Assert.Equal(text, reference.Text);
    }

    [Fact]
    public void AReferenceWithoutAPlaceIsABookWithoutAChapter()
    {
        var paper = BookReference.Parse("Kingma & Welling 2014");
        Assert.Equal("Kingma & Welling 2014", paper.Book);
        Assert.Null(paper.Chapter);
    }

    [Fact]
    public void RunWritesFiguresCsvAndASummaryIntoTheExperimentsFolder()
    {
        var (exit, output, _) = Cli("experiments", "run", "polynomial-fit", "--out", outputDirectory);
        Assert.Equal(0, exit);
        var directory = Path.Combine(outputDirectory, "polynomial-fit");
        foreach (var png in new[] { PolynomialFitExperiment.FitsFile, PolynomialFitExperiment.ErrorsFile })
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(directory, png))[..4]);
        var lines = File.ReadAllLines(Path.Combine(directory, PolynomialFitExperiment.CsvFile));
        Assert.Equal("degree,train_mse,test_mse", lines[0]);
        Assert.Equal(1 + PolynomialFit.MaxDegree, lines.Length);
        Assert.Contains("holds", output);

        var summary = ExperimentSummaryJson.Read(Path.Combine(directory, ExperimentSummaryJson.FileName));
        Assert.Equal("polynomial-fit", summary.Info.Id);
        Assert.Equal(["GBC Fig. 5.2", "GBC Fig. 5.3"], summary.Info.References);
        Assert.Equal(0, summary.Seed);
        Assert.False(summary.Quick);
        Assert.Equal("sharpgrad experiments run polynomial-fit --seed 0", summary.Command);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Contains(summary.Outcome.KeyNumbers, n => n.Name == "best test degree" && n.Value is > 1 and < PolynomialFit.MaxDegree);
        Assert.All(summary.Outcome.Files, f => Assert.True(File.Exists(f), f));   // stored relative, read back under the folder
        Assert.Equal(3, summary.Outcome.Files.Count);
    }

    [Fact]
    public void TheSeedChangesTheDataAndTheSameSeedGivesTheSameNumbers()
    {
        string Csv(string seed, string root)
        {
            Assert.Equal(0, Cli("experiments", "run", "polynomial-fit", "--seed", seed, "--out", root).Exit);
            return File.ReadAllText(Path.Combine(root, "polynomial-fit", PolynomialFitExperiment.CsvFile));
        }
        string first = Csv("7", Path.Combine(outputDirectory, "a")), again = Csv("7", Path.Combine(outputDirectory, "b")), other = Csv("8", Path.Combine(outputDirectory, "c"));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(7, ExperimentSummaryJson.Read(Path.Combine(outputDirectory, "a", "polynomial-fit", ExperimentSummaryJson.FileName)).Seed);
    }

    [Fact]
    public void SeveralIdsRunEachIntoItsOwnFolder()
    {
        Assert.Equal(0, Cli("experiments", "run", "gan-dynamics", "maze-value-iteration", "--quick", "--out", outputDirectory).Exit);
        Assert.True(File.Exists(Path.Combine(outputDirectory, "gan-dynamics", ExperimentSummaryJson.FileName)));
        Assert.True(ExperimentSummaryJson.Read(Path.Combine(outputDirectory, "maze-value-iteration", ExperimentSummaryJson.FileName)).Quick);
    }

    [Fact]
    public void AnUnknownIdIsAUsageError()
    {
        var (exit, _, error) = Cli("experiments", "run", "no-such-thing");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("no-such-thing", error);
    }

    [Theory]
    [InlineData(new string[] { "experiments", "run" }, "--all")]
    [InlineData(new string[] { "experiments", "run", "bandit", "--all" }, "not both")]
    public void RunNeedsIdsOrAllButNotBoth(string[] args, string message)
    {
        var (exit, _, error) = Cli(args);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void ASummaryWithANonFiniteNumberRoundTripsItAsNaN()
    {
        var info = new ExperimentInfo("x", "X", Areas.Optimization, ["GBC §8.1"], "A claim.", ["t"], TimeSpan.FromSeconds(1));
        var outcome = new ExperimentOutcome([Path.Combine(outputDirectory, "a.png")], [new("finite", 1.5), new("diverged", double.PositiveInfinity)], new(false, "it diverged"));
        ExperimentSummaryJson.Write(outputDirectory, new ExperimentSummary(info, 3, true, TimeSpan.FromSeconds(2), outcome, new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc)));
        var back = ExperimentSummaryJson.Read(Path.Combine(outputDirectory, ExperimentSummaryJson.FileName));
        Assert.Equal(1.5, back.Outcome.KeyNumbers[0].Value);
        Assert.True(double.IsNaN(back.Outcome.KeyNumbers[1].Value));
        Assert.False(back.Outcome.Check.Holds);
        Assert.Equal(Path.Combine(outputDirectory, "a.png"), back.Outcome.Files[0]);
        Assert.Equal("sharpgrad experiments run x --seed 3 --quick", back.Command);
    }

    [Fact]
    public void AFileThatIsNotASummaryIsRejectedByName()
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, ExperimentSummaryJson.FileName);
        File.WriteAllText(path, "{\"id\": \"x\"}");
        var error = Assert.Throws<InvalidDataException>(() => ExperimentSummaryJson.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("title", error.Message);
    }
}

using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The transformer-vs-lstm experiment in quick mode, and its check on results for and against the claim.</summary>
public sealed class TransformerVersusLstmTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-transformer-vs-lstm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    [Fact]
    public void TheTransformerSortsToTheTargetFirstInAQuickRun()
    {
        var outcome = new TransformerVersusLstmExperiment().Run(new ExperimentContext(outputDirectory, new TestConsole(), Seed: 0, Quick: true));
        Assert.True(outcome.Check.Holds, outcome.Check.Evidence);
        var numbers = outcome.KeyNumbers.ToDictionary(k => k.Name, k => k.Value);
        var options = TransformerVersusLstmOptions.Quick;
        // Reached after a full window of batches, and before the budget ran out.
        Assert.InRange(numbers["Transformer steps to target"], options.Window, options.Steps);
        Assert.True(numbers["Transformer final accuracy"] >= options.TargetAccuracy);
        Assert.Equal(1 + options.Steps, File.ReadAllLines(Path.Combine(outputDirectory, TransformerVersusLstmExperiment.LearningCsv)).Length);
        Assert.Equal(2, outcome.Files.Count);
    }

    [Fact]
    public void TheCheckFailsWhenTheTransformerIsSlowerOrNeverArrives()
    {
        var training = new SequenceTrainingRun([1.0], [0.5]);
        SortModelRun Model(int? reached) => new(training, [0.5], reached, 100);
        var options = TransformerVersusLstmOptions.Quick;
        Assert.True(TransformerVersusLstmExperiment.Check(new(options, Model(30), Model(60))).Holds);
        Assert.True(TransformerVersusLstmExperiment.Check(new(options, Model(30), Model(null))).Holds);
        Assert.False(TransformerVersusLstmExperiment.Check(new(options, Model(60), Model(30))).Holds);
        Assert.False(TransformerVersusLstmExperiment.Check(new(options, Model(null), Model(null))).Holds);
    }
}

using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The ntm-copy and dnc-graph experiments in quick mode: their own claim checks hold, the files have the rows the run
/// implies, the replayed weightings are distributions, and the checks fail on results that contradict the claim.
/// </summary>
public sealed class MemoryExperimentTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-memory-experiments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    private ExperimentContext Quick() => new(outputDirectory, new TestConsole(), Seed: 0, Quick: true);

    private int Lines(string file) => File.ReadAllLines(Path.Combine(outputDirectory, file)).Length;

    [Fact]
    public void NtmCopyQuickRunLearnsAndWritesCurvesLengthsAndWeightings()
    {
        var outcome = new NtmCopyExperiment().Run(Quick());
        Assert.True(outcome.Check.Holds, outcome.Check.Evidence);
        Assert.Equal(6, outcome.Files.Count);
        var options = NtmCopyOptions.Quick;
        Assert.Equal(1 + options.Steps, Lines(NtmCopyExperiment.LearningCsv));
        Assert.Equal(1 + options.TestLength, Lines(NtmCopyExperiment.GeneralisationCsv));
        // The replayed sequence has min(2·TrainLength, cells − 1) = 4 vectors: 4 + delimiter + 4 answers = 9 steps.
        Assert.Equal(1 + 9 * options.Cells, Lines(NtmCopyExperiment.WeightingsCsv));
        var rows = File.ReadAllLines(Path.Combine(outputDirectory, NtmCopyExperiment.WeightingsCsv)).Skip(1).Select(l => l.Split(',').Select(double.Parse).ToArray()).ToArray();
        foreach (var step in rows.GroupBy(r => r[0]))
        {
            Assert.Equal(1, step.Sum(r => r[2]), 4);
            Assert.Equal(1, step.Sum(r => r[3]), 4);
        }
        Assert.All(outcome.KeyNumbers.Take(4), k => Assert.InRange(k.Value, 0, 1));
    }

    [Fact]
    public void NtmCopyCheckNeedsNearZeroErrorsAndBetterGeneralisationThanTheLstm()
    {
        var options = NtmCopyOptions.Quick with { TrainLength = 2, TestLength = 4 };
        var training = new CopyTrainingRun(Enumerable.Repeat(0.7, 20).ToArray(), new double[20]);
        CopyModelRun Model(params double[] rates) => new(training, rates);
        var good = new NtmCopyResult(options, Model(0, 0.005, 0.05, 0.1), Model(0, 0, 0.2, 0.3), new double[1, 1], new double[1, 1], 0);
        Assert.True(NtmCopyExperiment.Check(good, converged: true).Holds);
        Assert.False(NtmCopyExperiment.Check(good with { Ntm = Model(0, 0.05, 0.05, 0.1) }, converged: true).Holds);
        Assert.False(NtmCopyExperiment.Check(good with { Lstm = Model(0, 0, 0.05, 0.05) }, converged: true).Holds);
        // Quick: a loss that stays at ln 2 has not learned.
        Assert.False(NtmCopyExperiment.Check(good, converged: false).Holds);
    }

    [Fact]
    public void DncGraphQuickRunLearnsAboveChanceAndWritesItsFiles()
    {
        var outcome = new DncGraphExperiment().Run(Quick());
        Assert.True(outcome.Check.Holds, outcome.Check.Evidence);
        Assert.Equal(3, outcome.Files.Count);
        Assert.Equal(1 + DncGraphOptions.Quick.Steps, Lines(DncGraphExperiment.LearningCsv));
        Assert.Equal(3, Lines(DncGraphExperiment.TestCsv));
        Assert.All(outcome.KeyNumbers, k => Assert.InRange(k.Value, 0, 1));
        // Every path walked right has all its steps right.
        var numbers = outcome.KeyNumbers.ToDictionary(k => k.Name, k => k.Value);
        Assert.True(numbers["DNC step accuracy"] >= numbers["DNC path accuracy"]);
    }

    [Fact]
    public void DncGraphCheckComparesPathAccuracies()
    {
        var training = new SequenceTrainingRun([1.0], [0.0]);
        var result = new DncGraphResult(DncGraphOptions.Full, new GraphModelRun(training, 0.9, 0.6), new GraphModelRun(training, 0.9, 0.5));
        Assert.True(DncGraphExperiment.Check(result, converged: true).Holds);
        Assert.False(DncGraphExperiment.Check(result with { Lstm = result.Dnc }, converged: true).Holds);
        Assert.False(DncGraphExperiment.Check(result with { Dnc = new GraphModelRun(training, 1.0 / 6, 0) }, converged: false).Holds);
    }
}

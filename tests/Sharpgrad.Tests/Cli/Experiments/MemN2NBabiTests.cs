using Sharpgrad.Cli.Experiments;
using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The memn2n-babi experiment in a quick mode (tiny data, one epoch): one run per task and hop count, and its files.</summary>
public sealed class MemN2NBabiTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-memn2n-babi-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    [Fact]
    public void AQuickRunGivesOneErrorPerTaskAndHopCountAndWritesItsFiles()
    {
        var quick = new BabiTrainingOptions(TrainExamples: 16, TestExamples: 8, Sentences: 3, EmbeddingDim: 4, Epochs: 1, Batch: 8);
        var runs = MemN2NBabi.Run(quick, [BabiTask.SingleSupportingFact, BabiTask.Counting]);
        Assert.Equal([(1, 1), (1, 2), (1, 3), (7, 1), (7, 2), (7, 3)], runs.Select(r => ((int)r.Task, r.Hops)));
        // The error is a count of wrong answers over the 8 test stories: a multiple of 1/8 (learning itself is checked by
        // the MemN2N quick learning test; one epoch on 16 stories is not expected to learn).
        Assert.All(runs, r => Assert.Equal(0, Math.Abs(r.TestError * quick.TestExamples - Math.Round(r.TestError * quick.TestExamples)), 9));
        var files = MemN2NBabiExperiment.Write(runs, outputDirectory);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0));
        Assert.Equal(7, File.ReadAllLines(Path.Combine(outputDirectory, MemN2NBabiExperiment.CsvFile)).Length);
    }

    [Fact]
    public void RestartsTrainOnTheSameDataAndTheFirstIsTheRunWithoutRestarts()
    {
        var tiny = new BabiTrainingOptions(TrainExamples: 40, TestExamples: 20, Sentences: 3, EmbeddingDim: 8, Epochs: 2, Batch: 8, Seed: 5);
        var single = BabiTraining.Train(BabiTask.SingleSupportingFact, tiny);
        var best = BabiTraining.Train(BabiTask.SingleSupportingFact, tiny with { Restarts = 3 });
        Assert.Equal(3, best.TrainErrors!.Length);
        // Restart 0 draws exactly what a run without restarts draws, so its training error is the single run's.
        Assert.Equal(single.TrainErrors![0], best.TrainErrors[0]);
        // The kept model is the first with the lowest training error: restart 0's own curve exactly when restart 0 is it.
        int kept = Array.IndexOf(best.TrainErrors, best.TrainErrors.Min());
        if (kept == 0) Assert.Equal(single.EpochLosses, best.EpochLosses);
        else Assert.NotEqual(single.EpochLosses, best.EpochLosses);
        var error = Assert.Throws<ArgumentException>(() => BabiTraining.Train(BabiTask.SingleSupportingFact, tiny with { Restarts = 0 }));
        Assert.Contains("restarts must be at least 1, got 0", error.Message);
    }
}

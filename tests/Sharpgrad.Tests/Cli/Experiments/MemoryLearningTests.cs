using Sharpgrad.Cli.Experiments;
using Sharpgrad.NN.Memory;
using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// Quick checks that the memory networks learn (issue #14): short budgets, seeds fixed, thresholds that an untrained or
/// broken model misses. A copy model that has learned nothing predicts every bit at ½ for a loss of ln 2 ≈ 0.693 per
/// answer bit and about half the bits wrong.
/// </summary>
public class MemoryLearningTests
{
    // Copy task: 4-bit vectors, sequences of 1–2 vectors, batches of 8, Adam 0.01, 80 steps, data seed 0, weights seed 0.
    private static readonly CopyTrainingOptions QuickCopy = new(Steps: 80, Batch: 8, Bits: 4, MinLength: 1, MaxLength: 2, LearningRate: 1e-2);

    private static void AssertCopyLossFalls(CopyTrainingRun run)
    {
        double first = run.Losses.Take(10).Average(), last = run.Losses.TakeLast(20).Average();
        Assert.InRange(first, 0.6, 0.75);
        Assert.True(last < 0.45, $"the copy loss per bit should fall from {first:F3} below 0.45, got {last:F3}");
    }

    [Fact]
    public void TheNtmsCopyLossFallsOnShortSequences()
    {
        var ntm = new NTM(5, 4, controllerSize: 16, cells: 6, cellWidth: 4, generator: new Generator(0));
        AssertCopyLossFalls(CopyTraining.Train(x => ntm.Forward(x, null).Output, ntm.Parameters(), QuickCopy));
    }

    [Fact]
    public void AFeedForwardNtmsCopyLossFallsOnShortSequences()
    {
        var ntm = new NTM(5, 4, controllerSize: 16, cells: 6, cellWidth: 4, generator: new Generator(0), controller: ControllerKind.FeedForward);
        AssertCopyLossFalls(CopyTraining.Train(x => ntm.Forward(x, null).Output, ntm.Parameters(), QuickCopy));
    }

    [Fact]
    public void TheDncsCopyLossFallsOnShortSequences()
    {
        var dnc = new DNC(5, 4, controllerSize: 16, cells: 6, cellWidth: 4, readHeads: 1, generator: new Generator(0));
        AssertCopyLossFalls(CopyTraining.Train(x => dnc.Forward(x, null).Output, dnc.Parameters(), QuickCopy));
    }

    [Fact]
    public void AThreeHopMemN2NSolvesSingleSupportingFact()
    {
        // 400 stories of 4 sentences, 12 epochs; bAbI counts a task as failed above 5% error. Chance is 1 in 6 rooms.
        var run = BabiTraining.Train(BabiTask.SingleSupportingFact,
            new BabiTrainingOptions(Hops: 3, TrainExamples: 400, TestExamples: 300, Sentences: 4, Epochs: 12));
        Assert.True(run.EpochLosses[^1] < run.EpochLosses[0] / 4, $"losses {string.Join(", ", run.EpochLosses)}");
        Assert.True(run.TestError < 0.05, $"test error {run.TestError}");
    }

    [Fact]
    public void LinearStartReinsertsTheSoftmaxOnceTheValidationLossStopsFalling()
    {
        // 36 training and 4 validation stories overfit within a few epochs, so the validation loss turns up.
        var run = BabiTraining.Train(BabiTask.SingleSupportingFact,
            new BabiTrainingOptions(Hops: 1, TrainExamples: 40, TestExamples: 20, Sentences: 3, EmbeddingDim: 8, Epochs: 20, Batch: 8, LinearStart: true));
        Assert.NotNull(run.SoftmaxReinsertedAfter);
        Assert.InRange(run.SoftmaxReinsertedAfter!.Value, 2, 20);
        Assert.All(run.EpochLosses, l => Assert.True(double.IsFinite(l)));
    }
}

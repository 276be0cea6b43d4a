using Sharpgrad.Cli.Experiments;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Experiments;

/// <summary>
/// The classification chapter's experiment (CLS Fig. 3.16): an MLP 64→32→10 (2410 parameters) trained on only
/// 200 digits and tested on the other 1597. The book reports ≈92% test accuracy, a test loss that levels off
/// rather than rising, and training accuracy approaching 100%.
/// </summary>
public class ClassificationChapterTests
{
    /// <summary>One seed's run of the chapter's recipe (<see cref="ClassificationChapterRecipe"/>).</summary>
    private static ClassificationChapterRecipe.Result Run(int seed)
    {
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(64, 32, generator: generator), new ReLU(), new Linear(32, 10, generator: generator));
        Assert.Equal(2410, model.ParameterCount());
        return ClassificationChapterRecipe.Run(model, seed);
    }

    [Fact]
    public void MlpOn200DigitsReachesNinetyPercentAndItsTestLossLevelsOff()
    {
        var runs = Enumerable.Range(0, 5).Select(Run).ToArray();

        double meanAccuracy = runs.Average(r => r.TestAccuracy);
        Assert.True(meanAccuracy >= 0.90, $"mean test accuracy over 5 seeds {meanAccuracy:F4} < 0.90");
        foreach (var r in runs)
        {
            Assert.True(r.FinalTestLoss <= 1.1 * r.MinTestLoss, $"final test loss {r.FinalTestLoss:F4} > 1.1 × minimum {r.MinTestLoss:F4}");
            Assert.True(r.TrainAccuracy >= 0.99, $"train accuracy {r.TrainAccuracy:F4} does not approach 100%");
        }
    }
}

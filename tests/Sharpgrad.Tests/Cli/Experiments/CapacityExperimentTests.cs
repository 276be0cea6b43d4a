using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The numbers behind the capacity figures (CLS figure; GBC Figs. 5.2–5.5), checked against what the books state.</summary>
public class CapacityExperimentTests
{
    private static readonly PolynomialFitResult Sweep = PolynomialFit.Run();

    [Fact]
    public void TrainingErrorNeverIncreasesWithDegree()
    {
        for (int i = 1; i < Sweep.Fits.Count; i++)
            Assert.True(Sweep.Fits[i].TrainMse <= Sweep.Fits[i - 1].TrainMse + 1e-12,
                $"degree {Sweep.Fits[i].Degree} train MSE {Sweep.Fits[i].TrainMse} > degree {Sweep.Fits[i - 1].Degree}'s {Sweep.Fits[i - 1].TrainMse}");
    }

    [Fact]
    public void DegreeElevenInterpolatesTheTwelvePoints()
    {
        Assert.Equal(11, Sweep.Fits[^1].Degree);
        Assert.True(Sweep.Fits[^1].TrainMse < 1e-8, $"degree-11 train MSE {Sweep.Fits[^1].TrainMse}");
    }

    [Fact]
    public void TestErrorIsUShaped()
    {
        var best = Sweep.Fits.MinBy(f => f.TestMse)!;
        Assert.NotEqual(1, best.Degree);
        Assert.NotEqual(11, best.Degree);
        double Test(int degree) => Sweep.Fits.First(f => f.Degree == degree).TestMse;
        Assert.True(Test(3) < Test(10), $"degree 3 test MSE {Test(3)} vs degree 10 {Test(10)}");
        Assert.True(Test(3) < Test(1), $"degree 3 test MSE {Test(3)} vs degree 1 {Test(1)}");
    }

    [Fact]
    public void HugeWeightDecayIsNearlyFlatAndVanishingWeightDecayOverfits()
    {
        var rows = WeightDecay.Run();
        var grid = SineData.Grid(200);
        var flat = SineData.Evaluate(rows[0].Coefficients, grid);
        // sin 2πx spans [−1, 1]; the excessive-λ fit barely moves from the mean of y.
        Assert.True((flat.Max() - flat.Min()).Item() < 0.1, $"excessive-λ fit ranges over {(flat.Max() - flat.Min()).Item()}");
        var (medium, vanishing) = (rows[1], rows[2]);
        Assert.True(vanishing.TrainMse < medium.TrainMse, "λ → 0 fits the training points more closely");
        Assert.True(vanishing.TestMse > medium.TestMse, "... and generalises worse: it overfits");
        Assert.True(rows[0].TestMse > medium.TestMse, "excessive λ underfits");
        // With λ → 0 the ridge solution is the least-squares degree-9 fit.
        var leastSquares = Sweep.Fits.First(f => f.Degree == 9);
        Assert.Equal(leastSquares.TrainMse, vanishing.TrainMse, 6);
    }

    [Fact]
    public void LearningCurvesApproachTheBayesErrorForTheRightCapacity()
    {
        var points = LearningCurves.Run();
        double bayes = SineData.NoiseStd * SineData.NoiseStd;
        var cubic = points.Where(p => p.Degree == 3).ToList();
        var linear = points.Where(p => p.Degree == 1).ToList();
        Assert.True(cubic[0].TestMse > 2 * cubic[^1].TestMse, "test error falls with more data");
        Assert.True(cubic[0].TrainMse < cubic[^1].TrainMse, "training error rises with more data");
        // Both approach the best error a cubic can reach, σ² plus its small squared bias on sin 2πx ...
        Assert.InRange(cubic[^1].TestMse, bayes, 1.3 * bayes);
        Assert.InRange(cubic[^1].TrainMse, 0.8 * bayes, 1.3 * bayes);
        // ... so the generalisation gap closes.
        Assert.True(cubic[^1].TestMse - cubic[^1].TrainMse < 0.2 * (cubic[0].TestMse - cubic[0].TrainMse));
        // Too little capacity: the error stays far above σ² however much data (its bias).
        Assert.True(linear[^1].TestMse > 3 * bayes, $"degree-1 test MSE {linear[^1].TestMse}");
    }
}

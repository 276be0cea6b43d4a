using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>Metrics against hand-computed values (the worked examples of scikit-learn's documentation, checked by hand).</summary>
public class MetricsTests
{
    private static Tensor Labels(params long[] values) => Tensor.FromArray(values);
    private static Tensor Scores(params double[] values) => Tensor.FromArray(values);

    [Fact]
    public void ConfusionMatrixCountsTrueByPredicted()
    {
        var confusion = ClassificationMetrics.ConfusionMatrix(Labels(2, 0, 2, 2, 0, 1), Labels(0, 0, 2, 2, 0, 2));
        Assert.Equal(new long[] { 2, 0, 0, 0, 0, 1, 1, 0, 2 }, confusion.ToArray<long>());
    }

    [Fact]
    public void PrecisionRecallAndF1OfAKnownConfusionMatrix()
    {
        // y = [0 1 2 0 1 2], ŷ = [0 2 1 0 0 1]: class 0 tp=2 fp=1 fn=0 (P 2/3, R 1, F1 0.8); classes 1 and 2 have tp=0.
        var yTrue = Labels(0, 1, 2, 0, 1, 2);
        var yPred = Labels(0, 2, 1, 0, 0, 1);
        Assert.Equal(2.0 / 9, ClassificationMetrics.Precision(yTrue, yPred), 12);
        Assert.Equal(1.0 / 3, ClassificationMetrics.Recall(yTrue, yPred), 12);
        Assert.Equal(0.8 / 3, ClassificationMetrics.F1(yTrue, yPred), 12);
        // Micro: pooled tp = 2 of 6 predictions and 6 examples = accuracy.
        Assert.Equal(1.0 / 3, ClassificationMetrics.F1(yTrue, yPred, Averaging.Micro), 12);
        Assert.Equal(1.0 / 3, ClassificationMetrics.Precision(yTrue, yPred, Averaging.Micro), 12);
        Assert.Equal(1.0 / 3, ClassificationMetrics.Accuracy(yTrue, yPred), 12);
    }

    [Fact]
    public void BinaryScoresFromCounts()
    {
        // tp = 3, fp = 1, fn = 2: P = 3/4, R = 3/5, F1 = 2·(3/4)(3/5)/(3/4 + 3/5) = 2/3.
        var yTrue = Labels(1, 1, 1, 1, 1, 0, 0, 0);
        var yPred = Labels(1, 1, 1, 0, 0, 1, 0, 0);
        var (p, r, f) = ClassificationMetrics.BinaryScores(yTrue, yPred);
        Assert.Equal(0.75, p, 12);
        Assert.Equal(0.6, r, 12);
        Assert.Equal(2.0 / 3, f, 12);
    }

    [Fact]
    public void RocCurveAndAucOfAKnownRanking()
    {
        // Scores 0.1 (neg), 0.4 (neg), 0.35 (pos), 0.8 (pos): of the 4 positive–negative pairs, 3 are ranked correctly → AUC 3/4.
        var y = Labels(0, 0, 1, 1);
        var s = Scores(0.1, 0.4, 0.35, 0.8);
        var roc = ClassificationMetrics.RocCurve(y, s);
        Assert.Equal(new[] { 0, 0, 0.5, 0.5, 1 }, roc.FalsePositiveRate);
        Assert.Equal(new[] { 0, 0.5, 0.5, 1, 1 }, roc.TruePositiveRate);
        Assert.Equal(new[] { double.PositiveInfinity, 0.8, 0.4, 0.35, 0.1 }, roc.Thresholds);
        Assert.Equal(0.75, ClassificationMetrics.RocAuc(y, s), 12);
    }

    [Fact]
    public void TiedScoresCountHalfInTheAuc()
    {
        // One positive and one negative with the same score: the pair counts ½.
        Assert.Equal(0.5, ClassificationMetrics.RocAuc(Labels(0, 1), Scores(0.3, 0.3)), 12);
        Assert.Equal(1.0, ClassificationMetrics.RocAuc(Labels(0, 1, 1), Scores(0.1, 0.5, 0.9)), 12);
    }

    [Fact]
    public void PrecisionRecallCurveAndAveragePrecisionOfAKnownRanking()
    {
        var y = Labels(0, 0, 1, 1);
        var s = Scores(0.1, 0.4, 0.35, 0.8);
        var pr = ClassificationMetrics.PrecisionRecallCurve(y, s);
        var expectedPrecision = new[] { 0.5, 2.0 / 3, 0.5, 1, 1 };
        for (int k = 0; k < 5; k++) Assert.Equal(expectedPrecision[k], pr.Precision[k], 12);
        Assert.Equal(new[] { 1, 1, 0.5, 0.5, 0 }, pr.Recall);
        Assert.Equal(new[] { 0.1, 0.35, 0.4, 0.8 }, pr.Thresholds);
        // AP = Σ ΔR·P = 0.5·1 (at 0.8) + 0.5·(2/3) (at 0.35) = 5/6.
        Assert.Equal(5.0 / 6, ClassificationMetrics.AveragePrecision(y, s), 12);
    }

    [Fact]
    public void AccuracyVersusCoverageWithARejectThreshold()
    {
        // GBC §11.1: answer only when confident. Confidences 0.9 0.8 0.6 0.55 0.3; the first three answered at 0.6,
        // two of them right.
        var yTrue = Labels(1, 0, 1, 1, 0);
        var yPred = Labels(1, 0, 0, 1, 1);
        var confidence = Scores(0.9, 0.8, 0.6, 0.55, 0.3);
        var (accuracy, coverage) = ClassificationMetrics.AccuracyAtCoverage(yTrue, yPred, confidence, 0.6);
        Assert.Equal(2.0 / 3, accuracy, 12);
        Assert.Equal(0.6, coverage, 12);
        Assert.Equal((1.0, 0.0), ClassificationMetrics.AccuracyAtCoverage(yTrue, yPred, confidence, 0.95));
        Assert.Equal((0.6, 1.0), ClassificationMetrics.AccuracyAtCoverage(yTrue, yPred, confidence, 0));
    }

    [Fact]
    public void MeanSquaredErrorAndR2()
    {
        // residuals 0.5, −0.5, 0, −1: MSE = 1.5/4; ȳ = 2.875, Σ(y − ȳ)² = 29.1875, R² = 1 − 1.5/29.1875.
        var yTrue = Scores(3, -0.5, 2, 7);
        var yPred = Scores(2.5, 0.0, 2, 8);
        Assert.Equal(0.375, RegressionMetrics.MeanSquaredError(yTrue, yPred), 12);
        Assert.Equal(0.5, RegressionMetrics.MeanAbsoluteError(yTrue, yPred), 12);
        Assert.Equal(1 - 1.5 / 29.1875, RegressionMetrics.R2(yTrue, yPred), 12);
    }
}

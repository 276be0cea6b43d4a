namespace Sharpgrad.Classic;

/// <summary>Metrics for regressors, named as in scikit-learn. Targets [N] or [N, T]; for several targets the scores are averaged uniformly over them.</summary>
public static class RegressionMetrics
{
    /// <summary>The mean squared error (1/N) Σ (y − ŷ)² (GBC eq. 5.4).</summary>
    public static double MeanSquaredError(Tensor yTrue, Tensor yPred)
    {
        var (truth, predicted) = Pair(yTrue, yPred, "MeanSquaredError");
        return (truth - predicted).Square().Mean().Item();
    }

    /// <summary>The mean absolute error (1/N) Σ |y − ŷ|.</summary>
    public static double MeanAbsoluteError(Tensor yTrue, Tensor yPred)
    {
        var (truth, predicted) = Pair(yTrue, yPred, "MeanAbsoluteError");
        return (truth - predicted).Abs().Mean().Item();
    }

    /// <summary>
    /// The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: the fraction of the variance of y the model
    /// explains (1 is perfect, 0 is no better than predicting the mean, negative is worse). A constant target scores 1
    /// if predicted exactly and 0 otherwise, as scikit-learn.
    /// </summary>
    public static double R2(Tensor yTrue, Tensor yPred)
    {
        var (truth, predicted) = Pair(yTrue, yPred, "R2");
        var residual = (truth - predicted).Square().Sum(0);
        var total = (truth - truth.Mean(0)).Square().Sum(0);
        var perTarget = Tensor.Where(total.Gt(0), 1 - residual / Tensor.Where(total.Gt(0), total, 1.0), Tensor.Where(residual.Eq(0), 1.0, Tensor.ZerosLike(residual)));
        return perTarget.Mean().Item();
    }

    private static (Tensor Truth, Tensor Predicted) Pair(Tensor yTrue, Tensor yPred, string op)
    {
        if (yTrue.Rank is < 1 or > 2 || !yTrue.Shape.SequenceEqual(yPred.Shape))
            throw new ArgumentException($"{op}: expected targets and predictions of the same shape [N] or [N, T], got {ShapeUtil.Format(yTrue.Shape)} and {ShapeUtil.Format(yPred.Shape)}.");
        if (yTrue.Size(0) == 0) throw new ArgumentException($"{op}: no samples.");
        return (yTrue.Double(), yPred.Double());
    }
}

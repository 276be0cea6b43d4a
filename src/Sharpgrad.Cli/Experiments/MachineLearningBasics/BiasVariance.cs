namespace Sharpgrad.Cli.Experiments;

/// <summary>One polynomial degree: the bootstrap estimates of squared bias and variance of its fit.</summary>
public sealed record BiasVariancePoint(int Degree, double BiasSquared, double Variance)
{
    /// <summary>The reducible part of the expected test error, bias² + variance (the noise σ² comes on top).</summary>
    public double Sum => BiasSquared + Variance;
}

/// <summary>
/// The bias–variance trade-off (GBC §5.4.4, eq. 5.54: MSE = bias² + variance) estimated by the bootstrap: one noisy
/// training set of <see cref="TrainSize"/> points of sin 2πx is resampled with replacement, each resample is fitted by
/// least squares at every degree, and on a grid of test inputs the spread of the fits is the variance and the distance
/// of their mean from the true function (known here) is the bias.
/// </summary>
public static class BiasVariance
{
    public const int TrainSize = 30, MaxDegree = 9, GridSize = 100;

    /// <summary>The test grid covers [Margin, 1 − Margin].</summary>
    public const double Margin = 0.1;

    public static IReadOnlyList<BiasVariancePoint> Run(int resamples, int seed = 0)
    {
        if (resamples < 2) throw new ArgumentOutOfRangeException(nameof(resamples), $"BiasVariance.Run: need at least 2 resamples, got {resamples}.");
        var x = SineData.Uniform(TrainSize, seed);
        var y = SineData.Targets(x, seed + 1);
        // Inside the inputs' range only: a bootstrap resample can miss the points near 0 or 1, and a high-degree fit then
        // extrapolates wildly there, which would swamp both estimates with edge effects.
        var grid = Tensor.Linspace(Margin, 1 - Margin, GridSize, DType.Float64);
        var truth = SineData.Truth(grid);
        var generator = new Generator(seed + 2);
        var draws = Enumerable.Range(0, resamples).Select(_ => Tensor.RandInt(0, TrainSize, [TrainSize], generator)).ToList();
        return
        [
            .. Enumerable.Range(1, MaxDegree).Select(degree =>
            {
                // [resamples, grid] predictions; the bootstrap's mean and variance over the first axis.
                var fits = Tensor.Stack([.. draws.Select(rows => SineData.Evaluate(SineData.LeastSquares(x.IndexSelect(0, rows), y.IndexSelect(0, rows), degree), grid))]);
                var mean = fits.Mean(0);
                double biasSquared = (mean - truth).Square().Mean().Item();
                double variance = (fits - mean).Square().Mean().Item();   // population variance over the resamples
                return new BiasVariancePoint(degree, biasSquared, variance);
            }),
        ];
    }
}

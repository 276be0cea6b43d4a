namespace Sharpgrad.Cli.Experiments;

/// <summary>One polynomial of the capacity sweep and its errors.</summary>
public sealed record PolynomialFitRow(int Degree, Tensor Coefficients, double TrainMse, double TestMse);

/// <summary>The data and the fits of degrees 1..11.</summary>
public sealed record PolynomialFitResult(Tensor TrainX, Tensor TrainY, Tensor TestX, Tensor TestY, IReadOnlyList<PolynomialFitRow> Fits);

/// <summary>
/// Capacity, underfitting and overfitting (CLS figure; GBC §5.2, Figs. 5.2 and 5.3): least-squares polynomials of
/// degree 1..11 through 12 noisy samples of sin 2πx at evenly spaced x. Training error can only fall as the degree
/// (the capacity) grows, and degree 11 passes through all 12 points; the test error on 200 fresh samples falls
/// and then rises again, the U-shaped curve.
/// </summary>
public static class PolynomialFit
{
    public const int TrainSize = 12, TestSize = 200, MaxDegree = 11;

    /// <summary>Runs the sweep; training noise is seeded by <paramref name="seed"/>, test noise by seed + 1.</summary>
    public static PolynomialFitResult Run(int seed = 0)
    {
        var trainX = SineData.Grid(TrainSize);
        var trainY = SineData.Targets(trainX, seed);
        var testX = SineData.Uniform(TestSize, seed + 1);
        var testY = SineData.Targets(testX, seed + 2);
        var fits = Enumerable.Range(1, MaxDegree).Select(degree =>
        {
            var coefficients = SineData.LeastSquares(trainX, trainY, degree);
            return new PolynomialFitRow(degree, coefficients, SineData.Mse(coefficients, trainX, trainY), SineData.Mse(coefficients, testX, testY));
        }).ToList();
        return new PolynomialFitResult(trainX, trainY, testX, testY, fits);
    }
}

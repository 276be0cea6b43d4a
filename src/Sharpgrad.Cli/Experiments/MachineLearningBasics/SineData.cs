namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The books' running regression example (CLS figure; GBC §5.2, Figs. 5.2–5.5; Bishop §1.1): targets
/// y = sin(2πx) + ε with Gaussian noise ε of standard deviation <see cref="NoiseStd"/> = 0.2, x in [0, 1].
/// Models are polynomials in t = 2x − 1 ∈ [−1, 1]: on the raw x the powers x⁰…x¹¹ are nearly parallel columns and
/// the least-squares problem is badly conditioned, on the rescaled t they are far less so.
/// </summary>
public static class SineData
{
    public const double NoiseStd = 0.2;

    /// <summary>The noise-free function sin(2πx).</summary>
    public static Tensor Truth(Tensor x) => (2 * Math.PI * x).Sin();

    /// <summary>Noisy targets at <paramref name="x"/>, the noise drawn from a <see cref="Generator"/> seeded with <paramref name="seed"/>.</summary>
    public static Tensor Targets(Tensor x, int seed) =>
        Truth(x) + NoiseStd * Tensor.Randn(x.Shape, DType.Float64, new Generator(seed));

    /// <summary><paramref name="count"/> evenly spaced inputs on [0, 1], float64.</summary>
    public static Tensor Grid(int count) => Tensor.Linspace(0, 1, count, DType.Float64);

    /// <summary><paramref name="count"/> inputs drawn uniformly from [0, 1].</summary>
    public static Tensor Uniform(int count, int seed) => Tensor.Rand([count], DType.Float64, new Generator(seed));

    /// <summary>The design matrix Φ [N, degree + 1] with Φₙₖ = tₙᵏ, t = 2x − 1.</summary>
    public static Tensor Design(Tensor x, int degree)
    {
        var t = (2 * x - 1).Unsqueeze(1);
        return t.Pow(Tensor.Arange(0, degree + 1, dtype: DType.Float64).Unsqueeze(0));
    }

    /// <summary>The polynomial with <paramref name="coefficients"/> (in t) evaluated at <paramref name="x"/>.</summary>
    public static Tensor Evaluate(Tensor coefficients, Tensor x) => Design(x, coefficients.Size(0) - 1).MatMul(coefficients);

    /// <summary>Mean squared error of the polynomial on (x, y).</summary>
    public static double Mse(Tensor coefficients, Tensor x, Tensor y) => (Evaluate(coefficients, x) - y).Square().Mean().Item();

    /// <summary>The least-squares polynomial of <paramref name="degree"/> through (x, y), by QR (Linalg.Lstsq), never the normal equations.</summary>
    public static Tensor LeastSquares(Tensor x, Tensor y, int degree) => Linalg.Lstsq(Design(x, degree), y).Solution;
}

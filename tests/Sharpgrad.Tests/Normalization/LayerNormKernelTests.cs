using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Normalization;

/// <summary>
/// The fused layer norm (Backends/Cpu/Kernels/Normalization/LayerNormKernel.cs) against Ba et al.'s (2016, §3.1)
/// closed forms written out below as plain float64 loops, on odd sizes; float32 is computed in float64 and rounded
/// once, and results do not depend on the thread count.
/// </summary>
public class LayerNormKernelTests
{
    private const int Rows = 67, Features = 45;  // three 32-row chunks, the last partial; SIMD lanes plus a scalar tail
    private const double Eps = 1e-5;

    /// <summary>
    /// Rows of mean 1000 and spread 0.01 in float32: summing them in float32 loses the spread (one float32 ulp of 1000 is
    /// 6.1e-5), summing in float64 keeps it. The output and every gradient must be within one float32 ulp of the exact
    /// closed form, computed here in float64 from the same float32 values.
    /// </summary>
    [Fact]
    public void Float32IsWithinAnUlpOfTheClosedFormEvenFarFromZero()
    {
        var x = Float32(Uniform(40, -0.01, 0.01, Rows, Features) + 1000).RequireGrad();
        var weight = Float32(Uniform(41, 0.5, 2, Features)).RequireGrad();
        var bias = Float32(Randn(42, Features)).RequireGrad();
        var g = Float32(Randn(43, Rows, Features));
        var y = Functional.LayerNorm(x, [Features], weight, bias);
        (y * g).Sum().Backward();

        var exact = ClosedForm(x.ToDoubleArray(), weight.ToDoubleArray(), bias.ToDoubleArray(), g.ToDoubleArray());
        WithinAnUlp(exact.Y, y);
        WithinAnUlp(exact.Dx, x.Grad!);
        WithinAnUlp(exact.DWeight, weight.Grad!);
        WithinAnUlp(exact.DBias, bias.Grad!);
    }

    [Fact]
    public void Float64MatchesTheClosedForm()
    {
        var x = (Randn(44, Rows, Features) * 2 - 1).Detach().RequireGrad();
        var weight = Randn(45, Features).RequireGrad();
        var bias = Randn(46, Features).RequireGrad();
        var g = Randn(47, Rows, Features);
        (Functional.LayerNorm(x, [Features], weight, bias) * g).Sum().Backward();
        var exact = ClosedForm(x.ToDoubleArray(), weight.ToDoubleArray(), bias.ToDoubleArray(), g.ToDoubleArray());
        Approx.Equal(exact.Dx, x.Grad!.ToDoubleArray(), 1e-12);
        Approx.Equal(exact.DWeight, weight.Grad!.ToDoubleArray(), 1e-12);
        Approx.Equal(exact.DBias, bias.Grad!.ToDoubleArray(), 1e-12);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void OneThreadAndTwoAgreeBitForBit(DType dtype)
    {
        var (one, two) = ThreadCounts.OneAndTwo(() =>
        {
            var x = Randn(48, Rows, Features).To(dtype).RequireGrad();
            var weight = Randn(49, Features).To(dtype).RequireGrad();
            var bias = Randn(50, Features).To(dtype).RequireGrad();
            var y = Functional.LayerNorm(x, [Features], weight, bias);
            (y * Randn(51, Rows, Features).To(dtype)).Sum().Backward();
            return new[] { y.Detach(), x.Grad!, weight.Grad!, bias.Grad! };
        });
        for (int i = 0; i < one.Length; i++) BitwiseEqual(one[i], two[i]);
    }

    [Fact]
    public void DoubleBackwardWithWeightAndBias()
        => GradCheck.RunSecondOrder(t => Functional.LayerNorm(t[0], [4], t[1], t[2]), [Rand.Leaf(52, 3, 4), Rand.Leaf(53, 4), Rand.Leaf(54, 4)])
            .ThrowIfFailed();

    private static Tensor Float32(Tensor t) => t.To(DType.Float32).Detach();

    /// <summary>|actual − exact| ≤ 2⁻²³·|exact| (one float32 ulp at most), plus 1e-12 of the largest |exact| for values near 0.</summary>
    private static void WithinAnUlp(double[] exact, Tensor actual)
    {
        var a = actual.ToDoubleArray();
        Assert.Equal(exact.Length, a.Length);
        double floor = 1e-12 * exact.Max(Math.Abs);
        for (int i = 0; i < exact.Length; i++)
            if (!(Math.Abs(a[i] - exact[i]) <= Math.Pow(2, -23) * Math.Abs(exact[i]) + floor))
                Assert.Fail($"element {i}: exact {exact[i]:R}, got {a[i]:R}");
    }

    /// <summary>
    /// Ba et al. (2016) §3.1 row by row: μ, σ = √(var + ε), x̂ = (x − μ)/σ, y = γ·x̂ + β; and the chain rule through μ and
    /// σ: ∂L/∂x = (gγ − mean(gγ) − x̂·mean(gγ·x̂))/σ, ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g over the rows.
    /// </summary>
    private static (double[] Y, double[] Dx, double[] DWeight, double[] DBias) ClosedForm(double[] x, double[] w, double[] b, double[] g)
    {
        int d = w.Length, rows = x.Length / d;
        double[] y = new double[x.Length], dx = new double[x.Length], dw = new double[d], db = new double[d];
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * d, d);
            double mu = 0, variance = 0, meanGw = 0, meanGwXHat = 0;
            foreach (var v in row) mu += v / d;
            foreach (var v in row) variance += (v - mu) * (v - mu) / d;
            double sigma = Math.Sqrt(variance + Eps);
            for (int j = 0; j < d; j++)
            {
                double xHat = (row[j] - mu) / sigma, gj = g[r * d + j];
                y[r * d + j] = w[j] * xHat + b[j];
                meanGw += gj * w[j] / d;
                meanGwXHat += gj * w[j] * xHat / d;
                dw[j] += gj * xHat;
                db[j] += gj;
            }
            for (int j = 0; j < d; j++)
                dx[r * d + j] = (g[r * d + j] * w[j] - meanGw - (row[j] - mu) / sigma * meanGwXHat) / sigma;
        }
        return (y, dx, dw, db);
    }
}

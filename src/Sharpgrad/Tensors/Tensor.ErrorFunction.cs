using Sharpgrad.Kernels;

namespace Sharpgrad;

// The error function and its relatives (GBC §3.9.3: the normal CDF is Φ(x) = ½(1 + erf(x/√2))). The algorithms and
// their accuracy are in Backends/Cpu/Kernels/ErrorFunction.cs. Integer inputs are promoted to float32, as in PyTorch.
public sealed partial class Tensor
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;

    /// <summary>erf(x) = (2/√π)∫₀ˣ e^(−t²) dt; erf′(x) = (2/√π)e^(−x²).</summary>
    public Tensor Erf()
    {
        var (x, y) = Elementary(ElementaryFunction.Erf);
        return y.Record("Erf", [x], g => [g * TwoOverSqrtPi * (-(x * x)).Exp()]);
    }

    /// <summary>erfc(x) = 1 − erf(x), accurate where erf(x) is close to 1 (erfc(10) ≈ 2e-45 rather than 0).</summary>
    public Tensor Erfc()
    {
        var (x, y) = Elementary(ElementaryFunction.Erfc);
        return y.Record("Erfc", [x], g => [g * -TwoOverSqrtPi * (-(x * x)).Exp()]);
    }

    /// <summary>The inverse of erf on (−1, 1), ±∞ at ±1 and NaN beyond; erfinv′(x) = (√π/2)·e^(erfinv(x)²).</summary>
    public Tensor Erfinv()
    {
        var (x, y) = Elementary(ElementaryFunction.Erfinv);
        return y.Record("Erfinv", [x], g => [g / TwoOverSqrtPi * (y * y).Exp()]);
    }

    /// <summary>This tensor if it is floating-point, else converted to float32 (PyTorch's promotion for float functions).</summary>
    internal Tensor AsFloatingPoint() => DType.IsFloatingPoint() ? this : To(DType.Float32);

    /// <summary>The input as promoted (x) and an <see cref="ElementaryFunction"/> of it (y), for the op to record.</summary>
    private (Tensor X, Tensor Y) Elementary(ElementaryFunction function)
    {
        var x = AsFloatingPoint();
        return (x, Elementwise.Float(x, function.ToString(), new ElementaryOp<float>(function), new ElementaryOp<double>(function)));
    }
}

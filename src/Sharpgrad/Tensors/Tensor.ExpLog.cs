using Sharpgrad.Kernels;

namespace Sharpgrad;

// Exponentials and logarithms beyond Exp/Log/Log1p: other bases, eˣ − 1 accurate near 0, log(eᵃ + eᵇ) without
// overflow, x·log y with 0·log 0 = 0, and the logit (the inverse of the sigmoid, GBC §3.10).
public sealed partial class Tensor
{
    public Tensor Log2()
    {
        var (x, y) = Elementary(ElementaryFunction.Log2);
        return y.Record("Log2", [x], g => [g / (x * Math.Log(2))]);
    }

    public Tensor Log10()
    {
        var (x, y) = Elementary(ElementaryFunction.Log10);
        return y.Record("Log10", [x], g => [g / (x * Math.Log(10))]);
    }

    /// <summary>2ˣ; its derivative is 2ˣ·ln 2.</summary>
    public Tensor Exp2()
    {
        var (x, y) = Elementary(ElementaryFunction.Exp2);
        return y.Record("Exp2", [x], g => [g * y * Math.Log(2)]);
    }

    /// <summary>eˣ − 1, accurate for tiny x (expm1(1e-10) = 1.00000000005e-10, where exp(x) − 1 gives 1.000000082740371e-10).</summary>
    public Tensor Expm1()
    {
        var x = AsFloatingPoint();
        var y = Elementwise.Float(x, "Expm1", new Expm1Op<float>(), new Expm1Op<double>());
        return y.Record("Expm1", [x], g => [g * (y + 1)]);
    }

    /// <summary>log(eᵃ + eᵇ) with broadcasting, never overflowing; ∂/∂a = σ(a − b), ∂/∂b = σ(b − a).</summary>
    public Tensor LogAddExp(Tensor other)
    {
        var y = Elementwise.BinaryFloat(this, other, "LogAddExp", new LogAddExpOp<float>(), new LogAddExpOp<double>());
        return y.Record("LogAddExp", [this, other], g =>
            [(g * (this - other).Sigmoid()).SumTo(shape), (g * (other - this).Sigmoid()).SumTo(other.shape)]);
    }

    /// <summary>
    /// this·log(other) with broadcasting, 0 where this is 0 (even where other is 0 or ∞) unless other is NaN, as
    /// torch.xlogy. Gradients as PyTorch 1.13's: ∂/∂x = log y (also at x = 0), ∂/∂y = x/y.
    /// </summary>
    public Tensor Xlogy(Tensor other)
    {
        var y = Elementwise.BinaryFloat(this, other, "Xlogy", new XlogyOp<float>(), new XlogyOp<double>());
        return y.Record("Xlogy", [this, other], g =>
        [
            (g * other.Log()).SumTo(shape),
            (g * this / other).SumTo(other.shape),
        ]);
    }

    public Tensor Xlogy(double other) => Xlogy(Scalar(other, DType.IsFloatingPoint() ? DType : DType.Float32));

    /// <summary>
    /// log(p/(1 − p)), the inverse of the sigmoid. With <paramref name="eps"/>, p is first clamped to [eps, 1 − eps]
    /// and the gradient is 0 outside that interval (PyTorch's logit).
    /// </summary>
    public Tensor Logit(double? eps = null)
    {
        var p = AsFloatingPoint();
        if (eps is double e)
        {
            if (!(e >= 0 && e <= 0.5)) throw new ArgumentException($"Logit: eps must lie in [0, 0.5], got {e}.");
            p = p.Clamp(e, 1 - e);
        }
        return (p / (1 - p)).Log();
    }
}

using Sharpgrad.Kernels;

namespace Sharpgrad;

// Elementwise functions and their derivatives. Backward rules reuse the forward's output where the derivative
// is a function of it (exp, tanh, sigmoid), which saves recomputation and keeps the rules short.
public sealed partial class Tensor
{
    public Tensor Abs()
    {
        var y = Elementwise.Numeric(this, "Abs", new AbsOp<float>(), new AbsOp<double>(), new AbsOp<long>());
        return y.Record("Abs", [this], g => [g * Sign()]);
    }

    public Tensor Exp()
    {
        var y = Elementwise.Float(this, "Exp", new ExpOp<float>(), new ExpOp<double>());
        return y.Record("Exp", [this], g => [g * y]);
    }

    public Tensor Log()
    {
        var y = Elementwise.Float(this, "Log", new LogOp<float>(), new LogOp<double>());
        return y.Record("Log", [this], g => [g / this]);
    }

    /// <summary>log(1+x), accurate for tiny x.</summary>
    public Tensor Log1p()
    {
        var y = Elementwise.Float(this, "Log1p", new Log1pOp<float>(), new Log1pOp<double>());
        return y.Record("Log1p", [this], g => [g / (this + 1)]);
    }

    public Tensor Sqrt()
    {
        var y = Elementwise.Float(this, "Sqrt", new SqrtOp<float>(), new SqrtOp<double>());
        return y.Record("Sqrt", [this], g => [g * 0.5 / y]);
    }

    /// <summary>1/√x.</summary>
    public Tensor Rsqrt() => Sqrt().Reciprocal();

    public Tensor Reciprocal() => 1.0 / this;

    public Tensor Sin()
    {
        var y = Elementwise.Float(this, "Sin", new SinOp<float>(), new SinOp<double>());
        return y.Record("Sin", [this], g => [g * Cos()]);
    }

    public Tensor Cos()
    {
        var y = Elementwise.Float(this, "Cos", new CosOp<float>(), new CosOp<double>());
        return y.Record("Cos", [this], g => [-g * Sin()]);
    }

    public Tensor Tanh()
    {
        var y = Elementwise.Float(this, "Tanh", new TanhOp<float>(), new TanhOp<double>());
        return y.Record("Tanh", [this], g => [PointwiseGrad.Of(g, y, "TanhBackward", new TanhGradOp<float>(), new TanhGradOp<double>(),
            () => g * (1 - y * y))]);
    }

    /// <summary>The logistic sigmoid σ(x); σ′ = σ(1−σ) (GBC §3.10).</summary>
    public Tensor Sigmoid()
    {
        var y = Elementwise.Float(this, "Sigmoid", new SigmoidOp<float>(), new SigmoidOp<double>());
        return y.Record("Sigmoid", [this], g => [PointwiseGrad.Of(g, y, "SigmoidBackward", new SigmoidGradOp<float>(), new SigmoidGradOp<double>(),
            () => g * y * (1 - y))]);
    }

    /// <summary>max(x, 0). The derivative at 0 is taken as 0, the one-sided choice of GBC §6.3.</summary>
    public Tensor Relu()
    {
        var y = Elementwise.Numeric(this, "Relu", new ReluOp<float>(), new ReluOp<double>(), new ReluOp<long>());
        return y.Record("Relu", [this], g => [PointwiseGrad.Of(g, this, "ReluBackward", new ReluGradOp<float>(), new ReluGradOp<double>(),
            () => g * Gt(0).To(g.DType))]);
    }

    /// <summary>ζ(x) = log(1+eˣ), computed without overflow; ζ′ = σ.</summary>
    public Tensor Softplus()
    {
        var y = Elementwise.Float(this, "Softplus", new SoftplusOp<float>(), new SoftplusOp<double>());
        return y.Record("Softplus", [this], g => [PointwiseGrad.Of(g, this, "SoftplusBackward", new SoftplusGradOp<float>(), new SoftplusGradOp<double>(),
            () => g * Sigmoid())]);
    }

    /// <summary>log σ(x) = −ζ(−x), finite where log(σ(x)) would be −∞ (GBC eq. 3.31).</summary>
    public Tensor LogSigmoid() => -(-this).Softplus();

    /// <summary>−1, 0 or 1; not differentiable (its gradient is zero almost everywhere and is taken as zero).</summary>
    public Tensor Sign()
    {
        var y = Elementwise.Numeric(this, "Sign", new SignOp<float>(), new SignOp<double>(), new SignOp<long>());
        return y.Record("Sign", [this], g => [ZerosLike(g)]);
    }

    /// <summary>Limits values to [min, max]; the gradient passes only where the input was inside the range.</summary>
    public Tensor Clamp(double? min = null, double? max = null)
    {
        double lo = min ?? double.NegativeInfinity, hi = max ?? double.PositiveInfinity;
        if (lo > hi) throw new ArgumentException($"Clamp: min ({lo}) must not exceed max ({hi}).");
        var y = DType switch
        {
            DType.Int64 => Elementwise.Numeric(this, "Clamp", default(NegOp<float>), default(NegOp<double>),
                new ClampOp<long>(min is null ? long.MinValue : (long)Math.Ceiling(lo), max is null ? long.MaxValue : (long)Math.Floor(hi))),
            _ => Elementwise.Float(this, "Clamp", new ClampOp<float>((float)lo, (float)hi), new ClampOp<double>(lo, hi)),
        };
        return y.Record("Clamp", [this], g => [PointwiseGrad.Of(g, this, "ClampBackward", new ClampGradOp<float>((float)lo, (float)hi), new ClampGradOp<double>(lo, hi),
            () => g * (Ge(lo).To(g.DType) * Le(hi).To(g.DType)))]);
    }

    /// <summary>Chooses <paramref name="a"/> where <paramref name="condition"/> holds, else <paramref name="b"/> (broadcasting).</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        var y = Elementwise.Where(condition, a, b);
        return y.Record("Where", [a, b], g =>
        {
            var zero = ZerosLike(g);
            return [Where(condition, g, zero).SumTo(a.shape), Where(condition, zero, g).SumTo(b.shape)];
        });
    }

    public static Tensor Where(Tensor condition, Tensor a, double b) => Where(condition, a, a.ScalarLike(b));

    public static Tensor Where(Tensor condition, double a, Tensor b) => Where(condition, b.ScalarLike(a), b);

    /// <summary>Replaces elements where <paramref name="mask"/> is true with <paramref name="value"/>, keeping this tensor's dtype (as PyTorch).</summary>
    public Tensor MaskedFill(Tensor mask, double value) => Where(mask, Scalar(value, DType), this);

    /// <summary>|a − b| ≤ atol + rtol·|b| everywhere, with matching shapes (NaNs are never close).</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        if (!SameShape(this, other)) return false;
        using var _ = Autograd.NoGrad();
        var a = Double();
        var b = other.Double();
        return (a - b).Abs().Le(b.Abs() * rtol + atol).All();
    }
}

using System.Numerics;

namespace Sharpgrad.Kernels;

// The piecewise activations of GBC §6.3 as single elementwise ops, and the backward of every pointwise activation as
// one op: grad_in = g ⊙ f′, read from g and from x (or from y where f′ is a function of the output). Composed from
// Where/Gt/To/Mul each of these took three to six passes over memory, each with its own allocation (issue #4).
// Every op reproduces the arithmetic of the composite it replaces, operation for operation, so results are unchanged:
// masks multiply (g·1 or g·0, which keeps a NaN in g, as g * mask did) where the composite multiplied, and select
// where it went through Where. A backward op's operands are (g, saved): IBinaryOp's a is the incoming gradient.

/// <summary>ReLU′: g·[x &gt; 0], written as a multiply by 0 or 1 like the composite g * x.Gt(0).To(dtype).</summary>
internal struct ReluGradOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T g, T x) => g * (x > T.Zero ? T.One : T.Zero);
    public Vector<T> Apply(Vector<T> g, Vector<T> x) => g * (Vector.GreaterThan(x, Vector<T>.Zero) & Vector<T>.One);
}

/// <summary>σ′ = σ(1 − σ) from the output y: (g·y)·(1 − y), in the composite's order.</summary>
internal struct SigmoidGradOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T g, T y) => g * y * (T.One - y);
    public Vector<T> Apply(Vector<T> g, Vector<T> y) => g * y * (Vector<T>.One - y);
}

/// <summary>tanh′ = 1 − y² from the output y.</summary>
internal struct TanhGradOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T g, T y) => g * (T.One - y * y);
    public Vector<T> Apply(Vector<T> g, Vector<T> y) => g * (Vector<T>.One - y * y);
}

/// <summary>Clamp′: g·[min ≤ x ≤ max] (the gradient passes at the bounds, as torch.clamp's does).</summary>
internal struct ClampGradOp<T>(T min, T max) : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T g, T x) => g * (x >= min && x <= max ? T.One : T.Zero);
    public Vector<T> Apply(Vector<T> g, Vector<T> x) =>
        g * (Vector.GreaterThanOrEqual(x, new Vector<T>(min)) & Vector.LessThanOrEqual(x, new Vector<T>(max)) & Vector<T>.One);
}

/// <summary>x for x &gt; 0, else αx (GBC §6.3.1).</summary>
internal struct LeakyReluOp<T>(T slope) : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => x > T.Zero ? x : x * slope;
    public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, x * new Vector<T>(slope));
}

/// <summary>Leaky ReLU′: g for x &gt; 0, else g·α (α at 0 too, as PyTorch).</summary>
internal struct LeakyReluGradOp<T>(T slope) : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T g, T x) => x > T.Zero ? g : g * slope;
    public Vector<T> Apply(Vector<T> g, Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), g, g * new Vector<T>(slope));
}

/// <summary>
/// ELU: x for x &gt; 0, else α(e^min(x, 0) − 1). Exp sees only x ≤ 0, so no lane overflows, whichever branch it takes.
/// </summary>
internal struct EluOp<T>(T alpha) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => x > T.Zero ? x : (T.Exp(NonPositive(x)) - T.One) * alpha;
    public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x,
        (VectorMath.Exp(Vector.Min(x, Vector<T>.Zero)) - Vector<T>.One) * new Vector<T>(alpha));

    /// <summary>min(x, 0) as the composite's Clamp(max: 0) computes it: a NaN stays NaN.</summary>
    internal static T NonPositive(T x) => x > T.Zero ? T.Zero : x;
}

/// <summary>ELU′: g for x &gt; 0, else (g·α)·eˣ (α at 0).</summary>
internal struct EluGradOp<T>(T alpha) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T g, T x) => x > T.Zero ? g : g * alpha * T.Exp(EluOp<T>.NonPositive(x));
    public Vector<T> Apply(Vector<T> g, Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), g,
        g * new Vector<T>(alpha) * VectorMath.Exp(Vector.Min(x, Vector<T>.Zero)));
}

/// <summary>Hard tanh: x clipped to [min, max]; a NaN passes through.</summary>
internal struct HardtanhOp<T>(T min, T max) : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => x <= min ? min : x >= max ? max : x;
    public Vector<T> Apply(Vector<T> x)
    {
        Vector<T> lo = new(min), hi = new(max);
        return Vector.ConditionalSelect(Vector.LessThanOrEqual(x, lo), lo, Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, hi), hi, x));
    }
}

/// <summary>Hard tanh′: g strictly inside (min, max), 0 at and beyond the ends (and g for a NaN x, as the Where chain gave).</summary>
internal struct HardtanhGradOp<T>(T min, T max) : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T g, T x) => x <= min || x >= max ? T.Zero : g;
    public Vector<T> Apply(Vector<T> g, Vector<T> x) => Vector.ConditionalSelect(
        Vector.LessThanOrEqual(x, new Vector<T>(min)) | Vector.GreaterThanOrEqual(x, new Vector<T>(max)), Vector<T>.Zero, g);
}

/// <summary>ζ′ = σ(x), for Tensor.Softplus.</summary>
internal struct SoftplusGradOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T g, T x) => g * default(SigmoidOp<T>).Apply(x);
    public Vector<T> Apply(Vector<T> g, Vector<T> x) => g * default(SigmoidOp<T>).Apply(x);
}

/// <summary>
/// Functional.Softplus: ζ(βx)/β, or x itself where βx &gt; threshold (PyTorch's rule). With β = 1 the scaling is exact,
/// so one formula serves both.
/// </summary>
internal struct ScaledSoftplusOp<T>(T beta, T threshold) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x)
    {
        T scaled = x * beta;
        return scaled > threshold ? x : default(SoftplusOp<T>).Apply(scaled) / beta;
    }
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

/// <summary>
/// Its derivative: g above the threshold, else ((g/β)·σ(βx))·β, the chain rule through the composite's
/// Mul, Softplus and Div in their order (exactly g·σ(x) when β = 1).
/// </summary>
internal struct ScaledSoftplusGradOp<T>(T beta, T threshold) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T g, T x)
    {
        T scaled = x * beta;
        return scaled > threshold ? g : g / beta * default(SigmoidOp<T>).Apply(scaled) * beta;
    }
    public Vector<T> Apply(Vector<T> g, Vector<T> x)
    {
        Vector<T> b = new(beta), scaled = x * b;
        return Vector.ConditionalSelect(Vector.GreaterThan(scaled, new Vector<T>(threshold)), g, g / b * default(SigmoidOp<T>).Apply(scaled) * b);
    }
}

using System.Numerics;

namespace Sharpgrad.Kernels;

// The scalar and SIMD forms of each elementwise function. The scalar form is the library function (what the
// ReferenceBackend runs); the SIMD form may be an approximation with a tested ulp bound (float32 tanh, issue #15).
// A kernel sends a contiguous run's whole vectors through the SIMD form and its remainder through the scalar one; the
// runs are cut at the same places at every thread count (StridedLayout.ForAll), so results do not depend on it.

internal struct NegOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => -x;
    public Vector<T> Apply(Vector<T> x) => -x;
}

internal struct AbsOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => T.Abs(x);
    public Vector<T> Apply(Vector<T> x) => Vector.Abs(x);
}

internal struct ExpOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Exp(x);
    public Vector<T> Apply(Vector<T> x) => VectorMath.Exp(x);
}

internal struct LogOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Log(x);
    public Vector<T> Apply(Vector<T> x) => VectorMath.Log(x);
}

internal struct SqrtOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Sqrt(x);
    public Vector<T> Apply(Vector<T> x) => Vector.SquareRoot(x);
}

internal struct SinOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Sin(x);
    public Vector<T> Apply(Vector<T> x) => VectorMath.Sin(x);
}

internal struct CosOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Cos(x);
    public Vector<T> Apply(Vector<T> x) => VectorMath.Cos(x);
}

/// <summary>σ(x) = 1/(1+e^(−x)); for very negative x, e^(−x) overflows to ∞ and σ correctly becomes 0, never NaN.</summary>
internal struct SigmoidOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.One / (T.One + T.Exp(-x));
    public Vector<T> Apply(Vector<T> x) => Vector<T>.One / (Vector<T>.One + VectorMath.Exp(-x));
}

/// <summary>
/// ReLU with ReLU(x) = 0 at x = 0; its backward uses the one-sided derivative 0 there (GBC §6.3.1).
/// T.Max, like the SIMD Vector.Max, propagates NaN (as PyTorch does), so a NaN is never hidden and the scalar tail
/// agrees with the SIMD lanes.
/// </summary>
internal struct ReluOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => T.Max(x, T.Zero);
    public Vector<T> Apply(Vector<T> x) => Vector.Max(x, Vector<T>.Zero);
}

/// <summary>tanh; float32 lanes go through <see cref="Float32Tanh"/> (≤ 2 ulp), float64 lanes one by one.</summary>
internal struct TanhOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Tanh(x);
    public Vector<T> Apply(Vector<T> x) =>
        typeof(T) == typeof(float) ? Float32Tanh.Apply(x.As<T, float>()).As<float, T>() : PerLane.Map(x, this);
}

/// <summary>log(1+x) accurate for tiny x: log(u)·x/(u−1) with u = 1+x cancels the rounding of u (Goldberg 1991).</summary>
internal struct Log1pOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x)
    {
        T u = T.One + x;
        return u == T.One ? x : T.IsPositiveInfinity(u) ? u : T.Log(u) * x / (u - T.One); // log1p(−∞) is NaN, as log of a negative
    }

    // Lane by lane: a vector form with .NET's Vector.Log and Vector.Exp measured slower than this loop (issue #15 notes).
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

/// <summary>ζ(x) = log(1+eˣ) = max(x, 0) + log1p(e^(−|x|)), which never overflows (GBC §3.10).</summary>
internal struct SoftplusOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Max(x, T.Zero) + default(Log1pOp<T>).Apply(T.Exp(-T.Abs(x)));
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

internal struct SignOp<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

internal struct ClampOp<T>(T min, T max) : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T x) => x < min ? min : x > max ? max : x;
    public Vector<T> Apply(Vector<T> x) => Vector.Min(Vector.Max(x, new Vector<T>(min)), new Vector<T>(max));
}

internal struct PowScalarOp<T>(T exponent) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.Pow(x, exponent);
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

/// <summary>Evaluates a scalar op lane by lane, for functions without an accurate SIMD form.</summary>
internal static class PerLane
{
    public static Vector<T> Map<T, TOp>(Vector<T> x, TOp op) where T : unmanaged where TOp : struct, IUnaryOp<T>
    {
        Span<T> lanes = stackalloc T[Vector<T>.Count];
        x.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++) lanes[i] = op.Apply(lanes[i]);
        return new Vector<T>(lanes);
    }

    public static Vector<T> Zip<T, TOp>(Vector<T> a, Vector<T> b, TOp op) where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        Span<T> x = stackalloc T[Vector<T>.Count];
        Span<T> y = stackalloc T[Vector<T>.Count];
        a.CopyTo(x);
        b.CopyTo(y);
        for (int i = 0; i < x.Length; i++) x[i] = op.Apply(x[i], y[i]);
        return new Vector<T>(x);
    }
}

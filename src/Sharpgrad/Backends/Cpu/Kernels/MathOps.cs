using System.Numerics;

namespace Sharpgrad.Kernels;

// Elementwise functions of issue #10 (trigonometric, hyperbolic, logarithmic, error functions). .NET has no SIMD
// forms of these, so lanes are evaluated one by one; float32 uses the float32 library function where .NET has one
// (as PyTorch's float kernels do) and the double-precision function rounded once otherwise.

/// <summary>The elementary functions evaluated lane by lane through <see cref="ElementaryOp{T}"/>.</summary>
internal enum ElementaryFunction { Asin, Acos, Atan, Tan, Sinh, Cosh, Log2, Log10, Exp2, Erf, Erfc, Erfinv, Floor, Ceil, Trunc }

/// <summary>
/// One of the <see cref="ElementaryFunction"/>s: the .NET library function in the tensor's own precision, or for the
/// error functions the double-precision <see cref="ErrorFunction"/> rounded once.
/// </summary>
internal readonly struct ElementaryOp<T>(ElementaryFunction function) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => function switch
    {
        ElementaryFunction.Asin => T.Asin(x),
        ElementaryFunction.Acos => T.Acos(x),
        ElementaryFunction.Atan => T.Atan(x),
        ElementaryFunction.Tan => T.Tan(x),
        ElementaryFunction.Sinh => T.Sinh(x),
        ElementaryFunction.Cosh => T.Cosh(x),
        ElementaryFunction.Log2 => T.Log2(x),
        ElementaryFunction.Log10 => T.Log10(x),
        ElementaryFunction.Exp2 => T.Exp2(x),
        ElementaryFunction.Erf => T.CreateTruncating(ErrorFunction.Erf(double.CreateTruncating(x))),
        ElementaryFunction.Erfc => T.CreateTruncating(ErrorFunction.Erfc(double.CreateTruncating(x))),
        ElementaryFunction.Erfinv => T.CreateTruncating(ErrorFunction.Erfinv(double.CreateTruncating(x))),
        ElementaryFunction.Floor => T.Floor(x),
        ElementaryFunction.Ceil => T.Ceiling(x),
        _ => T.Truncate(x),
    };
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

/// <summary>
/// eˣ − 1 accurate near 0 (.NET's ExpM1 is Exp(x) − 1, which loses every digit there). Kahan's trick: with u = fl(eˣ),
/// (u − 1)·x/log u cancels the rounding error of u, as Log1pOp does for log1p (Goldberg 1991, §4; Higham §1.14.1).
/// </summary>
internal struct Expm1Op<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x)
    {
        double xd = double.CreateTruncating(x);
        double u = Math.Exp(xd);
        if (u == 1) return x;                         // |x| < 2⁻⁵³: eˣ − 1 = x to rounding (keeps −0)
        double um1 = u - 1;
        if (Math.Abs(xd) > 1) return T.CreateTruncating(um1); // u − 1 loses nothing away from 0 (and x/log u could overflow)
        return T.CreateTruncating(um1 * xd / Math.Log(u));
    }
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

/// <summary>Replaces NaN, +∞ and −∞ by the given finite values (torch.nan_to_num).</summary>
internal readonly struct NanToNumOp<T>(T nan, T positiveInfinity, T negativeInfinity) : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.IsNaN(x) ? nan : T.IsPositiveInfinity(x) ? positiveInfinity : T.IsNegativeInfinity(x) ? negativeInfinity : x;
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

internal struct Atan2Op<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T y, T x) => T.Atan2(y, x);
    public Vector<T> Apply(Vector<T> y, Vector<T> x) => PerLane.Zip(y, x, this);
}

/// <summary>√(a² + b²) without overflow or underflow (the library's scaled hypot).</summary>
internal struct HypotOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T a, T b) => T.Hypot(a, b);
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => PerLane.Zip(a, b, this);
}

/// <summary>x·log y with 0·log y = 0 for every y that is not NaN (torch.xlogy).</summary>
internal struct XlogyOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x, T y) => T.IsNaN(y) ? y : x == T.Zero ? T.Zero : x * T.Log(y);
    public Vector<T> Apply(Vector<T> x, Vector<T> y) => PerLane.Zip(x, y, this);
}

/// <summary>
/// log(eᵃ + eᵇ) = max + log1p(e^(−|a−b|)), which never overflows; two equal infinities give themselves (where the
/// formula would give ∞ − ∞ = NaN), as PyTorch's logaddexp does.
/// </summary>
internal struct LogAddExpOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T a, T b)
    {
        if (T.IsInfinity(a) && a == b) return a;
        if (T.IsNaN(a) || T.IsNaN(b)) return a + b;
        return T.Max(a, b) + default(Log1pOp<T>).Apply(T.Exp(-T.Abs(a - b)));
    }
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => PerLane.Zip(a, b, this);
}

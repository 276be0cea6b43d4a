using System.Numerics;

namespace Sharpgrad.Kernels;

// Rounding and the two remainders (floor, ceil and trunc are ElementaryOps). Floats round with MidpointRounding.ToEven, which is C's nearbyint in the default
// rounding mode (PyTorch's rule: round(2.5) = 2). Integer tensors reach only Fmod and Remainder (floor, ceil, round
// and trunc return integers unchanged, one level up).

/// <summary>
/// Round half to even, to <c>decimals</c> places as PyTorch computes it: nearbyint(x·10ᵈ)/10ᵈ for d &gt; 0 and
/// nearbyint(x/10⁻ᵈ)·10⁻ᵈ for d &lt; 0, with 10^|d| in the tensor's dtype (so x·10ᵈ may round or overflow, as there).
/// </summary>
internal readonly struct RoundOp<T>(int decimals) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T scale = T.Pow(T.CreateTruncating(10), T.CreateTruncating(Math.Abs(decimals)));

    public T Apply(T x) => decimals switch
    {
        0 => T.Round(x, MidpointRounding.ToEven),
        > 0 => T.Round(x * scale, MidpointRounding.ToEven) / scale,
        _ => T.Round(x / scale, MidpointRounding.ToEven) * scale,
    };
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

/// <summary>C's fmod: a − trunc(a/b)·b computed exactly, with the sign of the dividend a.</summary>
internal struct FmodOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => a % b;
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => PerLane.Zip(a, b, this);
}

/// <summary>Python's modulus, with the sign of the divisor b: fmod, moved by b when the signs differ (PyTorch's remainder).</summary>
internal struct RemainderOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b)
    {
        T mod = a % b;
        return mod != T.Zero && (b < T.Zero) != (mod < T.Zero) ? mod + b : mod;
    }
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => PerLane.Zip(a, b, this);
}

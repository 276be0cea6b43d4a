namespace Sharpgrad;

/// <summary>The element types a tensor can hold. Float32 is the default everywhere.</summary>
public enum DType
{
    Float32,
    Float64,
    Int64,
    Bool,

    /// <summary>IEEE half precision (<see cref="Half"/>): stored in 16 bits; elementwise ops, sums, matrix products, convolution and pooling computed in float32 and rounded once.</summary>
    Float16,

    /// <summary>bfloat16 (<see cref="Sharpgrad.BFloat16"/>): stored in 16 bits; elementwise ops, sums, matrix products, convolution and pooling computed in float32 and rounded once.</summary>
    BFloat16,
}

public static class DTypeInfo
{
    /// <summary>The name PyTorch prints for this dtype, used in messages and ToString.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        DType.Float16 => "float16",
        DType.BFloat16 => "bfloat16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Float32, float64 and, as in PyTorch, the two 16-bit float types.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64 or DType.Float16 or DType.BFloat16;

    /// <summary>
    /// float16 and bfloat16: stored in 16 bits, computed by widening to float32 and rounding the result back (as PyTorch's
    /// CPU half does). Ops that cannot do that yet refuse them with a message naming the op (<see cref="RequireComputable"/>).
    /// </summary>
    internal static bool IsHalf(this DType dtype) => dtype is DType.Float16 or DType.BFloat16;

    /// <summary>Fails, naming <paramref name="op"/>, when <paramref name="dtype"/> is a 16-bit type that the op does not compute on yet.</summary>
    internal static void RequireComputable(this DType dtype, string op)
    {
        if (dtype.IsHalf())
            throw new NotSupportedException($"{op}: {dtype.Name()} tensors are supported by storage, conversion, elementwise ops, sums, matrix products, convolution and pooling, not yet by {op}; "
                + "convert with To(DType.Float32) first (and back with To(dtype) after).");
    }

    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.Bool => 1,
        DType.Float16 or DType.BFloat16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    internal static DType Of<T>() => TryOf<T>()
        ?? throw new NotSupportedException($"Tensor: element type {typeof(T).Name} is not supported; use float, double, long, bool, Half or BFloat16.");

    /// <summary>The dtype whose elements are <typeparamref name="T"/>, or null when no dtype is.</summary>
    internal static DType? TryOf<T>() =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(double) ? DType.Float64 :
        typeof(T) == typeof(long) ? DType.Int64 :
        typeof(T) == typeof(bool) ? DType.Bool :
        typeof(T) == typeof(Half) ? DType.Float16 :
        typeof(T) == typeof(BFloat16) ? DType.BFloat16 :
        null;

    /// <summary>
    /// Type promotion for binary ops, following PyTorch's category rule:
    /// bool &lt; int64 &lt; float16, bfloat16 &lt; float32 &lt; float64. float16 with bfloat16 gives float32, since neither
    /// holds the other's values (float16 has more significand bits, bfloat16 more exponent range), as in PyTorch.
    /// </summary>
    internal static DType Promote(DType a, DType b) =>
        a.IsHalf() && b.IsHalf() && a != b ? DType.Float32 : Rank(a) >= Rank(b) ? a : b;

    private static int Rank(DType d) => d switch
    {
        DType.Bool => 0,
        DType.Int64 => 1,
        DType.Float16 or DType.BFloat16 => 2,
        DType.Float32 => 3,
        DType.Float64 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };
}

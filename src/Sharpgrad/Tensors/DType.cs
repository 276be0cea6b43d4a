namespace Sharpgrad;

/// <summary>The element types a tensor can hold. Float32 is the default everywhere.</summary>
public enum DType
{
    Float32,
    Float64,
    Int64,
    Bool,
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
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    internal static DType Of<T>() => TryOf<T>()
        ?? throw new NotSupportedException($"Tensor: element type {typeof(T).Name} is not supported; use float, double, long or bool.");

    /// <summary>The dtype whose elements are <typeparamref name="T"/>, or null when no dtype is.</summary>
    internal static DType? TryOf<T>() =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(double) ? DType.Float64 :
        typeof(T) == typeof(long) ? DType.Int64 :
        typeof(T) == typeof(bool) ? DType.Bool :
        null;

    /// <summary>
    /// Type promotion for binary ops, following PyTorch's category rule:
    /// bool &lt; int64 &lt; float32 &lt; float64.
    /// </summary>
    internal static DType Promote(DType a, DType b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(DType d) => d switch
    {
        DType.Bool => 0,
        DType.Int64 => 1,
        DType.Float32 => 2,
        DType.Float64 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };
}

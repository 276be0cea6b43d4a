namespace Sharpgrad;

/// <summary>
/// Converts one element to the scalar type a caller asks for (<see cref="Tensor.Item{T}"/>), as Python's float(), int()
/// and bool() do with PyTorch's item(): integers from floats truncate toward zero, and a value that does not fit the
/// integer type (or NaN) is an error rather than a wrapped number. int64 values convert directly, so large integers
/// are not rounded through a double.
/// </summary>
internal static class ScalarConversion
{
    public static T To<T>(double value) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return (T)(object)value;
        if (typeof(T) == typeof(float)) return (T)(object)(float)value;
        if (typeof(T) == typeof(bool)) return (T)(object)(value != 0);
        double whole = Math.Truncate(value);
        if (typeof(T) == typeof(long) && whole >= long.MinValue && whole < 9223372036854775808.0) return (T)(object)(long)whole;
        if (typeof(T) == typeof(int) && whole >= int.MinValue && whole <= int.MaxValue) return (T)(object)(int)whole;
        throw Unsupported<T>(value);
    }

    public static T To<T>(long value) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return (T)(object)(double)value;
        if (typeof(T) == typeof(float)) return (T)(object)(float)value;
        if (typeof(T) == typeof(bool)) return (T)(object)(value != 0);
        if (typeof(T) == typeof(long)) return (T)(object)value;
        if (typeof(T) == typeof(int) && value >= int.MinValue && value <= int.MaxValue) return (T)(object)(int)value;
        throw Unsupported<T>(value);
    }

    private static Exception Unsupported<T>(object value) =>
        typeof(T) == typeof(long) || typeof(T) == typeof(int)
            ? new InvalidOperationException($"Item: the value {value} does not fit in {typeof(T).Name}.")
            : new ArgumentException($"Item: cannot convert to {typeof(T).Name}; expected double, float, long, int or bool.");
}

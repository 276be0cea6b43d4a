namespace Sharpgrad.Tests.Tensors;

/// <summary>Assertions on tensor values shared by the core tensor and autograd tests.</summary>
public static class TensorAssert
{
    /// <summary>Same shape and every element within <paramref name="tol"/> (absolute) of the expected value.</summary>
    public static void Close(double[] expected, Tensor actual, double tol = 1e-12)
    {
        var values = actual.ToDoubleArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            if (!(Math.Abs(expected[i] - values[i]) <= tol || expected[i].Equals(values[i])))
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {values[i]:R} (tolerance {tol})");
    }

    public static void Close(Tensor expected, Tensor actual, double tol = 1e-12)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Close(expected.ToDoubleArray(), actual, tol);
    }

    public static void Shape(int[] expected, Tensor actual) => Assert.Equal(expected, actual.Shape);

    /// <summary>Bitwise identical values (NaNs included), as the determinism guarantee promises.</summary>
    public static void BitwiseEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var a = expected.ToDoubleArray();
        var b = actual.ToDoubleArray();
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
                Assert.Fail($"element {i}: {a[i]:R} vs {b[i]:R}");
    }

    /// <summary>A float64 tensor of the given shape with values drawn from a seeded generator.</summary>
    public static Tensor Randn(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed));

    /// <summary>Uniform float64 values in [low, high), for inputs that must stay inside a function's domain.</summary>
    public static Tensor Uniform(int seed, double low, double high, params int[] shape)
        => Tensor.Rand(shape, DType.Float64, new Generator(seed)) * (high - low) + low;
}

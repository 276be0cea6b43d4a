namespace Sharpgrad;

/// <summary>
/// Moves matrices between tensors and the float64 row-major arrays the linear-algebra kernels work on. Every
/// factorisation runs in float64, also for float32 input, and rounds its results back to the input's dtype.
/// </summary>
internal static class MatrixData
{
    /// <summary>A fresh float64 copy of the elements in row-major order, which a kernel may overwrite.</summary>
    public static double[] Copy(Tensor t)
    {
        using var _ = Autograd.NoGrad();
        return t.Double().ToArray<double>();
    }

    public static Tensor ToTensor(double[] data, int[] shape, DType dtype)
    {
        using var _ = Autograd.NoGrad();
        return Tensor.FromArray(data, data.Length).Reshape(shape).To(dtype);
    }

    public static Tensor ToTensor(long[] data, int[] shape)
    {
        using var _ = Autograd.NoGrad();
        return Tensor.FromArray(data, data.Length).Reshape(shape);
    }
}

namespace Sharpgrad;

/// <summary>
/// Moves matrices between the ops' tensors and the float64 batches the linear-algebra primitives work on. Every
/// factorisation runs in float64, also for float32 input, and rounds its results back to the input's dtype.
/// </summary>
internal static class MatrixData
{
    /// <summary>A fresh contiguous float64 copy of <paramref name="t"/> on its device, outside the graph, which a primitive may overwrite.</summary>
    public static Tensor Working(Tensor t)
    {
        var copy = Tensor.Uninitialized(DType.Float64, t.shape, t.Device);
        using var _ = Autograd.NoGrad();
        return copy.CopyFrom(t);
    }

    /// <summary>One element per matrix of the batch [..., m, n]: its shape is the batch's, [...].</summary>
    public static Tensor PerMatrix(Tensor batch, DType dtype) => Tensor.Uninitialized(dtype, batch.shape.AsSpan(0, batch.Rank - 2), batch.Device);

    /// <summary>A primitive's float64 result in the op's dtype.</summary>
    public static Tensor Result(Tensor data, DType dtype)
    {
        using var _ = Autograd.NoGrad();
        return data.To(dtype);
    }
}

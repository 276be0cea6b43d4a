namespace Sharpgrad.Probability;

/// <summary>How distributions take their parameters, as PyTorch's broadcast_all.</summary>
internal static class Parameters
{
    /// <summary>
    /// Brings parameters to one float dtype (the widest given; integer tensors become float32) and expands them to
    /// their common broadcast shape, which becomes the distribution's batch shape. Expand is a differentiable view,
    /// so gradients still reach the caller's original tensors.
    /// </summary>
    public static Tensor[] Broadcast(string owner, params Tensor[] parameters)
    {
        var dtype = parameters.Any(p => p.DType == DType.Float64) ? DType.Float64 : DType.Float32;
        var shape = parameters.Aggregate(Array.Empty<int>(), (s, p) => ShapeUtil.Broadcast(s, p.Shape, owner));
        return parameters.Select(p => p.To(dtype).Expand(shape)).ToArray();
    }

    /// <summary>A float tensor of <paramref name="t"/>'s values (integers become float32, as PyTorch's default dtype).</summary>
    public static Tensor AsFloat(Tensor t) => t.DType.IsFloatingPoint() ? t : t.To(DType.Float32);

    /// <summary>A float32 scalar, the dtype PyTorch gives a Python number.</summary>
    public static Tensor Scalar(double value) => Tensor.Scalar(value, DType.Float32);

    /// <summary>Throws unless <paramref name="t"/> has a last dim to hold the categories or components.</summary>
    public static void RequireVector(Tensor t, string what)
    {
        if (t.Rank == 0) throw new ArgumentException($"{what} must have at least one dim (the last one indexes the categories), got shape [].");
    }
}

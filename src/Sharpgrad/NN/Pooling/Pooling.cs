namespace Sharpgrad.NN;

/// <summary>
/// The pooling functions behind <see cref="Functional"/>'s MaxPool, AvgPool, LPPool, adaptive pooling and
/// unpooling in 1, 2 and 3 spatial dims (GBC §9.3). Inputs are [N, C, spatial...] or, unbatched, [C, spatial...];
/// every (image, channel) plane is pooled on its own, so they are reshaped to planes [N·C, spatial volume] for
/// <see cref="WindowPooling"/> and back.
/// </summary>
internal static class Pooling
{
    public static (Tensor Values, Tensor Indices) Max(string op, int dims, Tensor input, SpatialSize kernelSize, SpatialSize? stride,
        SpatialSize? padding, SpatialSize? dilation, bool ceilMode)
    {
        var spec = PoolSpec.Create(op, dims, kernelSize, stride, padding, dilation, ceilMode);
        var (planes, leading, spatial) = ToPlanes(op, dims, input);
        var output = spec.OutputSize(spatial, input.Shape);
        var (values, indices) = WindowPooling.Max(planes, spec.Windows(planes.Size(0), spatial, output), op);
        return (values.View([.. leading, .. output]), indices.View([.. leading, .. output]));
    }

    public static Tensor Average(string op, int dims, Tensor input, SpatialSize kernelSize, SpatialSize? stride, SpatialSize? padding,
        bool ceilMode, bool countIncludePad, int? divisorOverride)
    {
        if (divisorOverride is <= 0)
            throw new ArgumentException($"{op}: divisor override must be positive, got {divisorOverride}.");
        var spec = PoolSpec.Create(op, dims, kernelSize, stride, padding, dilation: null, ceilMode);
        var (planes, leading, spatial) = ToPlanes(op, dims, input);
        var output = spec.OutputSize(spatial, input.Shape);
        var windows = spec.Windows(planes.Size(0), spatial, output, countIncludePad, divisorOverride);
        return WindowPooling.Average(planes, windows, op).View([.. leading, .. output]);
    }

    /// <summary>
    /// Power-average pooling (GBC §9.3: "the L2 norm of a rectangular neighbourhood" for p = 2):
    /// (Σ_window xᵖ)^(1/p), computed as PyTorch does, from an average pool of xᵖ times the window size.
    /// </summary>
    public static Tensor LP(string op, int dims, Tensor input, double normType, SpatialSize kernelSize, SpatialSize? stride, bool ceilMode)
    {
        if (!(normType > 0))
            throw new ArgumentException($"{op}: the norm type p must be positive, got {normType}.");
        int windowSize = kernelSize.For(dims, op, "kernel size", minimum: 1).Aggregate(1, (a, k) => a * k);
        var average = Average(op, dims, input.Pow(normType), kernelSize, stride, padding: null, ceilMode, countIncludePad: true, divisorOverride: null);
        // s^(1/p) has an infinite slope at s = 0, so an all-zero window would give 0·∞ = NaN in the backward. PyTorch's
        // relu(|s|) masks that gradient to 0; here the root is taken of 1 instead of 0 and the result replaced by 0.
        var sum = average * windowSize;
        var zero = sum.Eq(0);
        return Tensor.Where(zero, 0.0, Tensor.Where(zero, 1.0, sum).Pow(1 / normType));
    }

    public static Tensor AdaptiveAverage(string op, int dims, Tensor input, SpatialSize outputSize)
    {
        var (planes, leading, spatial) = ToPlanes(op, dims, input);
        var output = outputSize.For(dims, op, "output size", minimum: 1);
        var windows = PoolSpec.AdaptiveWindows(planes.Size(0), spatial, output);
        return WindowPooling.Average(planes, windows, op).View([.. leading, .. output]);
    }

    public static (Tensor Values, Tensor Indices) AdaptiveMax(string op, int dims, Tensor input, SpatialSize outputSize)
    {
        var (planes, leading, spatial) = ToPlanes(op, dims, input);
        var output = outputSize.For(dims, op, "output size", minimum: 1);
        if (spatial.Any(s => s == 0))
            throw new ArgumentException($"{op}: cannot take maxima over an empty input of shape {input.ShapeText}.");
        var (values, indices) = WindowPooling.Max(planes, PoolSpec.AdaptiveWindows(planes.Size(0), spatial, output), op);
        return (values.View([.. leading, .. output]), indices.View([.. leading, .. output]));
    }

    /// <summary>
    /// Max unpooling with switches (Zeiler &amp; Fergus 2014; GBC §9.3): zeros of the pre-pooling size with each
    /// pooled value written back at its switch. Default output size (W − 1)·S − 2P + F per dim.
    /// </summary>
    public static Tensor Unpool(string op, int dims, Tensor input, Tensor indices, SpatialSize kernelSize, SpatialSize? stride,
        SpatialSize? padding, SpatialSize? outputSize)
    {
        var spec = PoolSpec.Create(op, dims, kernelSize, stride, padding, dilation: null, ceilMode: false);
        if (indices.DType != DType.Int64)
            throw new ArgumentException($"{op}: indices must be int64 (the switches MaxPool returns), got {indices.DType.Name()}.");
        if (!input.Shape.SequenceEqual(indices.Shape))
            throw new ArgumentException($"{op}: indices of shape {indices.ShapeText} do not match the input's shape {input.ShapeText}.");
        var (planes, leading, spatial) = ToPlanes(op, dims, input);
        var output = outputSize is { } size
            ? size.For(dims, op, "output size", minimum: 1)
            : Enumerable.Range(0, dims).Select(d => (spatial[d] - 1) * spec.Stride[d] - 2 * spec.Padding[d] + spec.Kernel[d]).ToArray();
        int volume = output.Aggregate(1, (a, o) => a * o);
        if (output.Any(o => o <= 0))
            throw new ArgumentException($"{op}: the output size {ConvSpec.Cross(output)} for input shape {input.ShapeText} is not positive.");
        var switches = indices.Reshape(planes.Size(0), planes.Size(1));
        if (switches.Count > 0 && (switches.Min().Item() < 0 || switches.Max().Item() >= volume))
            throw new ArgumentException(
                $"{op}: indices must lie in [0, {volume}) for an output of size {ConvSpec.Cross(output)}, got values in [{switches.Min().Item()}, {switches.Max().Item()}].");
        var unpooled = Tensor.Empty(input.DType, [planes.Size(0), volume], input.Device).Scatter(1, switches, planes);
        return unpooled.View([.. leading, .. output]);
    }

    /// <summary>[N, C, spatial...] or [C, spatial...] as planes [N·C, volume], with the leading and spatial sizes.</summary>
    private static (Tensor Planes, int[] Leading, int[] Spatial) ToPlanes(string op, int dims, Tensor input)
    {
        if (input.Rank != dims + 1 && input.Rank != dims + 2)
            throw new ArgumentException(
                $"{op}: expected a {dims + 2}-D input [N, C, {ConvSpec.SpatialNames(dims)}] (or {dims + 1}-D without the batch dim), got shape {input.ShapeText}.");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: input must be float32 or float64, got {input.DType.Name()}.");
        var leading = input.Shape[..^dims];
        var spatial = input.Shape[^dims..];
        var planes = input.Reshape(leading.Aggregate(1, (a, s) => a * s), spatial.Aggregate(1, (a, s) => a * s));
        return (planes, leading, spatial);
    }
}

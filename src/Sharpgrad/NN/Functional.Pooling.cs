namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- pooling (GBC §9.3)
    // Inputs are [N, C, spatial...] or, unbatched, [C, spatial...]; each plane is pooled on its own. The stride
    // defaults to the kernel size, so windows tile the input; a smaller stride makes them overlap.

    /// <summary>1-D max pooling of [N, C, L]; see <see cref="MaxPool2d"/>.</summary>
    public static Tensor MaxPool1d(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null,
        SpatialSize? dilation = null, bool ceilMode = false)
        => Pooling.Max("MaxPool1d", 1, input, kernelSize, stride, padding, dilation, ceilMode).Values;

    /// <summary>
    /// 2-D max pooling (GBC §9.3): each output is the maximum of a kernelSize window of its plane, which makes the
    /// representation approximately invariant to small translations. Padding counts as −∞ and is at most half the
    /// kernel; dilation spaces the window's taps; ceil mode rounds the output size up so the last partial window is
    /// kept. Output size ⌊(W + 2P − D·(F − 1) − 1)/S⌋ + 1 (⌈⌉ in ceil mode).
    /// </summary>
    public static Tensor MaxPool2d(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null,
        SpatialSize? dilation = null, bool ceilMode = false)
        => Pooling.Max("MaxPool2d", 2, input, kernelSize, stride, padding, dilation, ceilMode).Values;

    /// <summary>3-D max pooling of [N, C, D, H, W]; see <see cref="MaxPool2d"/>.</summary>
    public static Tensor MaxPool3d(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null,
        SpatialSize? dilation = null, bool ceilMode = false)
        => Pooling.Max("MaxPool3d", 3, input, kernelSize, stride, padding, dilation, ceilMode).Values;

    /// <summary><see cref="MaxPool1d"/> with the switches: the int64 position of each maximum within its input plane.</summary>
    public static (Tensor Values, Tensor Indices) MaxPool1dWithIndices(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? dilation = null, bool ceilMode = false)
        => Pooling.Max("MaxPool1d", 1, input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>
    /// <see cref="MaxPool2d"/> with the switches (torch's return_indices=True): the int64 position h·W + w of each
    /// maximum within its input plane, for <see cref="MaxUnpool2d"/>.
    /// </summary>
    public static (Tensor Values, Tensor Indices) MaxPool2dWithIndices(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? dilation = null, bool ceilMode = false)
        => Pooling.Max("MaxPool2d", 2, input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary><see cref="MaxPool3d"/> with the switches.</summary>
    public static (Tensor Values, Tensor Indices) MaxPool3dWithIndices(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? dilation = null, bool ceilMode = false)
        => Pooling.Max("MaxPool3d", 3, input, kernelSize, stride, padding, dilation, ceilMode);

    /// <summary>1-D average pooling of [N, C, L]; see <see cref="AvgPool2d"/>.</summary>
    public static Tensor AvgPool1d(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null,
        bool ceilMode = false, bool countIncludePad = true)
        => Pooling.Average("AvgPool1d", 1, input, kernelSize, stride, padding, ceilMode, countIncludePad, null);

    /// <summary>
    /// 2-D average pooling (GBC §9.3): the mean of each window. With <paramref name="countIncludePad"/> (the
    /// default, as PyTorch) the zero padding counts in the divisor; without it only real inputs do.
    /// <paramref name="divisorOverride"/> divides every window's sum by a fixed number instead.
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null,
        bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
        => Pooling.Average("AvgPool2d", 2, input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

    /// <summary>3-D average pooling of [N, C, D, H, W]; see <see cref="AvgPool2d"/>.</summary>
    public static Tensor AvgPool3d(Tensor input, SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null,
        bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
        => Pooling.Average("AvgPool3d", 3, input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

    /// <summary>1-D power-average pooling; see <see cref="LPPool2d"/>.</summary>
    public static Tensor LPPool1d(Tensor input, double normType, SpatialSize kernelSize, SpatialSize? stride = null, bool ceilMode = false)
        => Pooling.LP("LPPool1d", 1, input, normType, kernelSize, stride, ceilMode);

    /// <summary>
    /// Power-average pooling (Σ_window xᵖ)^(1/p); p = 2 is the L2 pooling of GBC §9.3, p → ∞ approaches max pooling
    /// and p = 1 is sum pooling. As in PyTorch there is no padding, and in ceil mode a window cut off by the border
    /// is scaled up to the full window's size.
    /// </summary>
    public static Tensor LPPool2d(Tensor input, double normType, SpatialSize kernelSize, SpatialSize? stride = null, bool ceilMode = false)
        => Pooling.LP("LPPool2d", 2, input, normType, kernelSize, stride, ceilMode);

    /// <summary>1-D adaptive average pooling to <paramref name="outputSize"/> positions; see <see cref="AdaptiveAvgPool2d"/>.</summary>
    public static Tensor AdaptiveAvgPool1d(Tensor input, SpatialSize outputSize)
        => Pooling.AdaptiveAverage("AdaptiveAvgPool1d", 1, input, outputSize);

    /// <summary>
    /// Average pooling to a fixed output size whatever the input size: output o of n over an input of size W
    /// averages [⌊o·W/n⌋, ⌈(o + 1)·W/n⌉). Lets one classifier head take images of any size (GBC §9.3).
    /// </summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, SpatialSize outputSize)
        => Pooling.AdaptiveAverage("AdaptiveAvgPool2d", 2, input, outputSize);

    /// <summary>3-D adaptive average pooling; see <see cref="AdaptiveAvgPool2d"/>.</summary>
    public static Tensor AdaptiveAvgPool3d(Tensor input, SpatialSize outputSize)
        => Pooling.AdaptiveAverage("AdaptiveAvgPool3d", 3, input, outputSize);

    /// <summary>1-D adaptive max pooling with switches; see <see cref="AdaptiveMaxPool2d"/>.</summary>
    public static (Tensor Values, Tensor Indices) AdaptiveMaxPool1d(Tensor input, SpatialSize outputSize)
        => Pooling.AdaptiveMax("AdaptiveMaxPool1d", 1, input, outputSize);

    /// <summary>Max pooling to a fixed output size, with the windows of <see cref="AdaptiveAvgPool2d"/>; returns the maxima and their switches.</summary>
    public static (Tensor Values, Tensor Indices) AdaptiveMaxPool2d(Tensor input, SpatialSize outputSize)
        => Pooling.AdaptiveMax("AdaptiveMaxPool2d", 2, input, outputSize);

    /// <summary>3-D adaptive max pooling with switches; see <see cref="AdaptiveMaxPool2d"/>.</summary>
    public static (Tensor Values, Tensor Indices) AdaptiveMaxPool3d(Tensor input, SpatialSize outputSize)
        => Pooling.AdaptiveMax("AdaptiveMaxPool3d", 3, input, outputSize);

    /// <summary>
    /// Global average pooling (Lin et al. 2013, "Network in Network"): the mean of each channel over all spatial
    /// positions, [N, C, spatial...] → [N, C], or [N, C, 1, ...] with <paramref name="keepDims"/>.
    /// </summary>
    public static Tensor GlobalAvgPool(Tensor input, bool keepDims = false)
    {
        if (input.Rank < 3)
            throw new ArgumentException($"GlobalAvgPool: expected an input [N, C, spatial...] with at least one spatial dim, got shape {input.ShapeText}.");
        return input.Mean(Enumerable.Range(2, input.Rank - 2).ToArray(), keepdim: keepDims);
    }

    /// <summary>1-D max unpooling; see <see cref="MaxUnpool2d"/>.</summary>
    public static Tensor MaxUnpool1d(Tensor input, Tensor indices, SpatialSize kernelSize, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? outputSize = null)
        => Pooling.Unpool("MaxUnpool1d", 1, input, indices, kernelSize, stride, padding, outputSize);

    /// <summary>
    /// The partial inverse of <see cref="MaxPool2dWithIndices"/> ("unpooling with switches"): zeros everywhere except
    /// at the recorded positions of the maxima, which get the input's values. Default output size
    /// (W − 1)·S − 2P + F; pass <paramref name="outputSize"/> when the pooled size was rounded down.
    /// </summary>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, SpatialSize kernelSize, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? outputSize = null)
        => Pooling.Unpool("MaxUnpool2d", 2, input, indices, kernelSize, stride, padding, outputSize);

    /// <summary>3-D max unpooling; see <see cref="MaxUnpool2d"/>.</summary>
    public static Tensor MaxUnpool3d(Tensor input, Tensor indices, SpatialSize kernelSize, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? outputSize = null)
        => Pooling.Unpool("MaxUnpool3d", 3, input, indices, kernelSize, stride, padding, outputSize);
}

namespace Sharpgrad.NN;

/// <summary>2-D average pooling of [N, C, H, W] (<see cref="Functional.AvgPool2d"/>).</summary>
public sealed class AvgPool2d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null, bool ceilMode = false,
    bool countIncludePad = true, int? divisorOverride = null)
    : AvgPoolNd("AvgPool2d", 2, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

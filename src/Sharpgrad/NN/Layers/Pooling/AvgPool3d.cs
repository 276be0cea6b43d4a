namespace Sharpgrad.NN;

/// <summary>3-D average pooling of [N, C, D, H, W] (<see cref="Functional.AvgPool3d"/>).</summary>
public sealed class AvgPool3d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null, bool ceilMode = false,
    bool countIncludePad = true, int? divisorOverride = null)
    : AvgPoolNd("AvgPool3d", 3, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

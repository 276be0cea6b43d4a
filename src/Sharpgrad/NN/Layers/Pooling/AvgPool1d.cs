namespace Sharpgrad.NN;

/// <summary>1-D average pooling of [N, C, L] (<see cref="Functional.AvgPool1d"/>).</summary>
public sealed class AvgPool1d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null, bool ceilMode = false,
    bool countIncludePad = true, int? divisorOverride = null)
    : AvgPoolNd("AvgPool1d", 1, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);

namespace Sharpgrad.NN;

/// <summary>3-D max pooling of [N, C, D, H, W] (<see cref="Functional.MaxPool3d"/>).</summary>
public sealed class MaxPool3d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null, SpatialSize? dilation = null, bool ceilMode = false)
    : MaxPoolNd("MaxPool3d", 3, kernelSize, stride, padding, dilation, ceilMode);

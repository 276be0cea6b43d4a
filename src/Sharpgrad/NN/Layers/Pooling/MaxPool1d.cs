namespace Sharpgrad.NN;

/// <summary>1-D max pooling of [N, C, L] (<see cref="Functional.MaxPool1d"/>).</summary>
public sealed class MaxPool1d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null, SpatialSize? dilation = null, bool ceilMode = false)
    : MaxPoolNd("MaxPool1d", 1, kernelSize, stride, padding, dilation, ceilMode);

namespace Sharpgrad.NN;

/// <summary>2-D max pooling of [N, C, H, W] (<see cref="Functional.MaxPool2d"/>); <c>new MaxPool2d(2)</c> halves each side.</summary>
public sealed class MaxPool2d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null, SpatialSize? dilation = null, bool ceilMode = false)
    : MaxPoolNd("MaxPool2d", 2, kernelSize, stride, padding, dilation, ceilMode);

namespace Sharpgrad.NN;

/// <summary>2-D max unpooling of [N, C, H, W] with the switches of a <see cref="MaxPool2d"/> (<see cref="Functional.MaxUnpool2d"/>).</summary>
public sealed class MaxUnpool2d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null)
    : MaxUnpoolNd("MaxUnpool2d", 2, kernelSize, stride, padding);

namespace Sharpgrad.NN;

/// <summary>3-D max unpooling of [N, C, D, H, W] with the switches of a <see cref="MaxPool3d"/> (<see cref="Functional.MaxUnpool3d"/>).</summary>
public sealed class MaxUnpool3d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null)
    : MaxUnpoolNd("MaxUnpool3d", 3, kernelSize, stride, padding);

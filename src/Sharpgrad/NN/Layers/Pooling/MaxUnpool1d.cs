namespace Sharpgrad.NN;

/// <summary>1-D max unpooling of [N, C, L] with the switches of a <see cref="MaxPool1d"/> (<see cref="Functional.MaxUnpool1d"/>).</summary>
public sealed class MaxUnpool1d(SpatialSize kernelSize, SpatialSize? stride = null, SpatialSize? padding = null)
    : MaxUnpoolNd("MaxUnpool1d", 1, kernelSize, stride, padding);

namespace Sharpgrad.NN;

/// <summary>2-D power-average pooling of [N, C, H, W] (<see cref="Functional.LPPool2d"/>).</summary>
public sealed class LPPool2d(double normType, SpatialSize kernelSize, SpatialSize? stride = null, bool ceilMode = false)
    : LPPoolNd("LPPool2d", 2, normType, kernelSize, stride, ceilMode);

namespace Sharpgrad.NN;

/// <summary>1-D power-average pooling of [N, C, L] (<see cref="Functional.LPPool1d"/>).</summary>
public sealed class LPPool1d(double normType, SpatialSize kernelSize, SpatialSize? stride = null, bool ceilMode = false)
    : LPPoolNd("LPPool1d", 1, normType, kernelSize, stride, ceilMode);

namespace Sharpgrad.NN;

/// <summary>Batch normalisation (GBC §8.7.1) of volumes [N, C, D, H, W], per channel (see <see cref="BatchNormNd"/>).</summary>
public sealed class BatchNorm3d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
    bool trackRunningStats = true, DType dtype = DType.Float32)
    : BatchNormNd("BatchNorm3d", [5], "5-D [N, C, D, H, W]", numFeatures, eps, momentum, affine, trackRunningStats, dtype);

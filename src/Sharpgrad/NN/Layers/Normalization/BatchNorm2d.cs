namespace Sharpgrad.NN;

/// <summary>
/// Batch normalisation (GBC §8.7.1) of feature maps [N, C, H, W], with one mean and variance per channel over the
/// batch and all positions, as convolutional networks use it (see <see cref="BatchNormNd"/>).
/// </summary>
public sealed class BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
    bool trackRunningStats = true, DType dtype = DType.Float32)
    : BatchNormNd("BatchNorm2d", [4], "4-D [N, C, H, W]", numFeatures, eps, momentum, affine, trackRunningStats, dtype);

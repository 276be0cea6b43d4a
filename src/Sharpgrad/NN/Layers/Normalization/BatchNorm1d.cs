namespace Sharpgrad.NN;

/// <summary>
/// Batch normalisation (GBC §8.7.1) of features [N, C] or sequences [N, C, L], per channel (see <see cref="BatchNormNd"/>).
/// </summary>
public sealed class BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
    bool trackRunningStats = true, DType dtype = DType.Float32)
    : BatchNormNd("BatchNorm1d", [2, 3], "2-D [N, C] or 3-D [N, C, L]", numFeatures, eps, momentum, affine, trackRunningStats, dtype);

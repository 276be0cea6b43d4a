namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="InstanceNorm1d"/>, <see cref="InstanceNorm2d"/> and <see cref="InstanceNorm3d"/> share: each
/// channel of each example normalised over its own positions (<see cref="Functional.InstanceNorm"/>; Ulyanov et al.,
/// 2016, for style transfer). It shares batch norm's parameters and buffers, with PyTorch's defaults: no affine
/// scale and shift and no running statistics unless asked for; with running statistics, evaluation mode normalises
/// with them.
/// </summary>
public abstract class InstanceNormNd : NormBase
{
    private protected InstanceNormNd(string name, int[] ranks, string layout, int numFeatures, double eps, double? momentum,
        bool affine, bool trackRunningStats, DType dtype)
        : base(name, ranks, layout, numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        double factor = CheckAndCount(input);
        return Functional.InstanceNorm(input, RunningMean, RunningVar, Weight, Bias, useInputStats: IsTraining || RunningMean is null, factor, Eps);
    }
}

/// <summary>Instance normalisation of sequences [N, C, L] (see <see cref="InstanceNormNd"/>).</summary>
public sealed class InstanceNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = false,
    bool trackRunningStats = false, DType dtype = DType.Float32)
    : InstanceNormNd("InstanceNorm1d", [3], "3-D [N, C, L]", numFeatures, eps, momentum, affine, trackRunningStats, dtype);

/// <summary>Instance normalisation of images [N, C, H, W] (see <see cref="InstanceNormNd"/>).</summary>
public sealed class InstanceNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = false,
    bool trackRunningStats = false, DType dtype = DType.Float32)
    : InstanceNormNd("InstanceNorm2d", [4], "4-D [N, C, H, W]", numFeatures, eps, momentum, affine, trackRunningStats, dtype);

/// <summary>Instance normalisation of volumes [N, C, D, H, W] (see <see cref="InstanceNormNd"/>).</summary>
public sealed class InstanceNorm3d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = false,
    bool trackRunningStats = false, DType dtype = DType.Float32)
    : InstanceNormNd("InstanceNorm3d", [5], "5-D [N, C, D, H, W]", numFeatures, eps, momentum, affine, trackRunningStats, dtype);

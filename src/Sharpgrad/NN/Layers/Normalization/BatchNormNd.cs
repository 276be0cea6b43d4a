namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="BatchNorm1d"/>, <see cref="BatchNorm2d"/> and <see cref="BatchNorm3d"/> share (PyTorch's
/// _BatchNorm): batch normalisation per channel (GBC §8.7.1; <see cref="Functional.BatchNorm"/>) with a learned
/// scale γ ("weight", ones) and shift β ("bias", zeros), and three buffers that are saved with the model:
/// "running_mean" (zeros), "running_var" (ones) and "num_batches_tracked" (an int64 count of training batches).
/// </summary>
/// <remarks>
/// In training mode the layer normalises with the batch's statistics and updates the running ones,
/// r ← (1 − momentum)·r + momentum·statistic, with the unbiased variance m/(m − 1)·σ²; in evaluation mode
/// (<see cref="ModuleExtensions.Eval"/>) it normalises with the running ones. A null momentum makes the running statistics
/// the plain average over all batches so far (factor 1/num_batches_tracked), as in PyTorch.
/// </remarks>
public abstract class BatchNormNd : NormBase
{
    private protected BatchNormNd(string name, int[] ranks, string layout, int numFeatures, double eps, double? momentum, bool affine,
        bool trackRunningStats, DType dtype)
        : base(name, ranks, layout, numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        double factor = CheckAndCount(input);
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, training: IsTraining || RunningMean is null, factor, Eps);
    }
}

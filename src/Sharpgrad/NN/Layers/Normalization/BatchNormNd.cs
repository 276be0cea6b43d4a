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
/// With <see cref="StatisticsSync"/> set (by <c>Sharpgrad.Distributed</c>'s <c>SyncBatchNorm</c> or its
/// <c>ConvertSyncBatchNorm</c>), training uses the statistics of the global batch over every process.
/// </remarks>
public abstract class BatchNormNd : NormBase
{
    /// <summary>For the layers above and for synchronised batch norm (<c>Sharpgrad.Distributed.SyncBatchNorm</c>).</summary>
    protected BatchNormNd(string name, int[] ranks, string layout, int numFeatures, double eps, double? momentum, bool affine,
        bool trackRunningStats, DType dtype)
        : base(name, ranks, layout, numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    /// <summary>
    /// When set and training, the batch statistics are those of the batch over all the processes of a data-parallel
    /// job, summed through this (synchronised batch norm, see <see cref="IBatchStatisticsSync"/>); null (the default)
    /// normalises with this process's batch alone. Evaluation always uses the running statistics, with no communication.
    /// </summary>
    public IBatchStatisticsSync? StatisticsSync { get; set; }

    protected override Tensor ForwardCore(Tensor input)
    {
        double factor = CheckAndCount(input);
        if (Synchronized is { } sync)
            return SynchronizedBatchNorm.Forward(GetType().Name, input, sync, RunningMean, RunningVar, Weight, Bias, factor, Eps);
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, training: IsTraining || RunningMean is null, factor, Eps);
    }

    /// <summary>
    /// ReLU(Forward(input) + residual), the tail of a residual block (He et al. 2016, Fig. 2), in one op
    /// (<see cref="Functional.BatchNormRelu"/>): the same values and gradients, fewer passes over memory. With a hook
    /// on this layer or synchronised statistics it runs <see cref="Module{TInput, TResult}.Forward"/> and the two ops
    /// instead, so hooks still see this layer's own output.
    /// </summary>
    /// <param name="residual">added before the ReLU (the input's shape), or null</param>
    public Tensor ForwardRelu(Tensor input, Tensor? residual = null)
    {
        Functional.CheckBatchNormReluResidual(input, residual);
        if (HasHooks || Synchronized is not null)
        {
            var y = Forward(input);
            return (residual is null ? y : y + residual).Relu();
        }
        double factor = CheckAndCount(input);
        return Functional.BatchNormRelu(input, RunningMean, RunningVar, Weight, Bias, residual, training: IsTraining || RunningMean is null,
            factor, Eps);
    }

    /// <summary>The synchronisation that applies to this call: when training with more than one process, else null.</summary>
    private IBatchStatisticsSync? Synchronized => IsTraining && StatisticsSync is { WorldSize: > 1 } sync ? sync : null;
}

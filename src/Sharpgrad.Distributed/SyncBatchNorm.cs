using Sharpgrad.NN;

namespace Sharpgrad.Distributed;

/// <summary>
/// Batch normalisation over the global batch of a data-parallel job (PyTorch's <c>torch.nn.SyncBatchNorm</c>): in
/// training, every rank normalises with the mean and variance of all ranks' batches together, one allreduce of the
/// per-channel Σx, Σx² and count forward and one of the two gradient sums backward (see
/// <c>Sharpgrad.NN.SynchronizedBatchNorm</c>), so R ranks × batch B give the outputs, gradients and running statistics of
/// one process with batch R·B. In evaluation it is ordinary batch norm with the running statistics, and in a world of
/// one, ordinary batch norm throughout. PyTorch's parameter and buffer names (weight, bias, running_mean, running_var,
/// num_batches_tracked), so its state dict loads into <see cref="BatchNorm1d"/>/<see cref="BatchNorm2d"/>/<see cref="BatchNorm3d"/>
/// and back. Inputs [N, C] to [N, C, D, H, W].
/// <para>
/// Its backward communicates, so with <see cref="DistributedDataParallel"/> the gradient allreduces cannot overlap
/// the backward pass on other threads (MPI pairs collectives by their order on each rank): a
/// <see cref="DistributedDataParallel"/> built around a model with synchronised batch norm runs them after backward.
/// </para>
/// </summary>
public sealed class SyncBatchNorm : BatchNormNd
{
    /// <summary>
    /// A layer over <paramref name="processGroup"/> (<see cref="Communicator.World"/> by default), the ranks whose
    /// batches are normalised together; the other arguments are <see cref="BatchNorm2d"/>'s.
    /// </summary>
    public SyncBatchNorm(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true,
        Communicator? processGroup = null, DType dtype = DType.Float32)
        : base("SyncBatchNorm", [2, 3, 4, 5], "[N, C] to [N, C, D, H, W]", numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
        StatisticsSync = new CommunicatorStatisticsSync(processGroup ?? Communicator.World);
    }

    /// <summary>
    /// Makes every batch-norm layer of <paramref name="module"/> (BatchNorm1d/2d/3d) normalise with the global batch's
    /// statistics over <paramref name="processGroup"/>, and returns <paramref name="module"/> (PyTorch's
    /// <c>SyncBatchNorm.convert_sync_batchnorm</c>). Call it before wrapping the model in
    /// <see cref="DistributedDataParallel"/>. PyTorch swaps the layer objects for SyncBatchNorm ones; Sharpgrad's modules
    /// call their layers through typed fields, so the layers stay and are switched over instead: the parameters,
    /// buffers, state-dict names and outputs are those the swap would give.
    /// </summary>
    public static T ConvertSyncBatchNorm<T>(T module, Communicator? processGroup = null) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        var sync = new CommunicatorStatisticsSync(processGroup ?? Communicator.World);
        foreach (var layer in module.Modules().OfType<BatchNormNd>()) layer.StatisticsSync = sync;
        return module;
    }

    /// <summary>True when some batch-norm layer of <paramref name="module"/> communicates in its forward and backward passes.</summary>
    internal static bool IsSynchronized(Module module)
        => module.Modules().OfType<BatchNormNd>().Any(layer => layer.StatisticsSync is { WorldSize: > 1 });

    private sealed class CommunicatorStatisticsSync(Communicator world) : IBatchStatisticsSync
    {
        public int WorldSize => world.Size;

        public Tensor SumOverProcesses(Tensor local) => new SumOverRanks(world).Apply(local);
    }
}

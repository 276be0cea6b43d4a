namespace Sharpgrad.NN;

/// <summary>
/// Sums batch-norm statistics over the processes of a data-parallel job, so that every process normalises with the
/// statistics of the global batch (synchronised batch norm). The core library does not talk to other processes;
/// <c>Sharpgrad.Distributed</c> implements this over MPI (<c>SyncBatchNorm</c>, <c>SyncBatchNorm.ConvertSyncBatchNorm</c>).
/// </summary>
public interface IBatchStatisticsSync
{
    /// <summary>How many processes the sums run over; with 1 the layer is ordinary batch norm.</summary>
    int WorldSize { get; }

    /// <summary>
    /// The elementwise sum of every process's <paramref name="local"/> (a collective: every process calls it), recorded
    /// so that backward sums the incoming gradients over the processes too: each process's sum feeds every process's
    /// loss, so ∂(Σ_s L_s)/∂local_r = Σ_s ∂L_s/∂sum.
    /// </summary>
    Tensor SumOverProcesses(Tensor local);
}

namespace Sharpgrad.Training;

/// <summary>
/// The processes of a data-parallel run (GBC §12.1.3), as the <see cref="Trainer"/> sees them: every process ("rank")
/// holds the same model, reads its own share of each batch, and the ranks average their gradients before every step.
/// The core library knows nothing about how the ranks talk to each other; <c>Sharpgrad.Distributed</c>'s
/// <c>DistributedDataParallel</c> implements this over MPI. Every member is a collective: every rank must call it, in
/// the same order.
/// </summary>
public interface IDataParallel
{
    /// <summary>This process's index, 0 ≤ Rank &lt; <see cref="WorldSize"/>; rank 0 writes checkpoints and logs.</summary>
    int Rank { get; }

    /// <summary>How many processes train together.</summary>
    int WorldSize { get; }

    /// <summary>Replaces every parameter's gradient with its mean over the ranks (after Backward, before the step).</summary>
    void SynchronizeGradients();

    /// <summary>Replaces <paramref name="values"/> on every rank with their elementwise sum over the ranks.</summary>
    void SumOverRanks(Span<double> values);

    /// <summary>Waits until every rank has called it.</summary>
    void Barrier();
}

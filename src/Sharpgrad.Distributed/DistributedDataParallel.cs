using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Distributed;

/// <summary>
/// Synchronous data parallelism (GBC §12.1.3; PyTorch's <c>DistributedDataParallel</c>): every rank holds a full copy
/// of the model, reads its own shard of each batch (<see cref="DistributedSampler"/>), computes the gradient of its
/// shard's mean loss, and the ranks average those gradients before every optimiser step. With equal shards the average
/// is the gradient of the mean loss over the global batch, so R ranks × batch B take the same steps as one process with
/// batch R·B, up to the order in which floating-point sums are added.
/// <code>
/// using var world = Communicator.World;
/// var ddp = new DistributedDataParallel(model, world);       // rank 0's weights everywhere
/// ... loss.Backward(); ddp.SynchronizeGradients(); optimizer.Step();
/// </code>
/// With a <see cref="Trainer"/>, pass <c>DataParallel = ddp</c>: the Trainer then splits each batch among the ranks,
/// synchronises the gradients, sums the metrics over the ranks and writes checkpoints from rank 0 only.
/// <para>
/// Construction checks that every rank built the same model (the same number of parameter and buffer tensors and
/// elements), then broadcasts the parameters and buffers from rank 0, so every replica starts equal whatever its own
/// initialisation drew. Gradients are averaged in buckets of about <c>bucketCapMB</c> megabytes, one allreduce each,
/// in reverse parameter order (the order backward produces them). With <c>overlapWithBackward</c> (the default) a
/// bucket's allreduce starts on a pool thread as soon as backward has completed its gradients, while backward goes on
/// (PyTorch's overlap); then make no other collective call between Backward and <see cref="SynchronizeGradients"/>,
/// since MPI pairs collectives by their order on each rank. Without it, all allreduces run inside
/// <see cref="SynchronizeGradients"/>, as they also do for a model with synchronised batch norm
/// (<see cref="SyncBatchNorm"/>), whose backward communicates. Both give the same bits. Buffers (e.g. batch norm's running statistics) are
/// not averaged: each rank keeps the statistics of its own shards, PyTorch's default.
/// </para>
/// </summary>
public sealed class DistributedDataParallel : IDataParallel
{
    private readonly IGradientBucket[] buckets;
    private readonly BackwardOverlap? overlap;

    /// <summary>Wraps <paramref name="module"/> (built identically on every rank) for training over <paramref name="world"/> (default: <see cref="Communicator.World"/>).</summary>
    public DistributedDataParallel(Module module, Communicator? world = null, double bucketCapMB = 25, bool overlapWithBackward = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(bucketCapMB > 0))
            throw new ArgumentOutOfRangeException(nameof(bucketCapMB), $"DistributedDataParallel: bucketCapMB must be positive, got {bucketCapMB}.");
        Module = module;
        World = world ?? Communicator.World;
        CheckSameModelOnEveryRank();
        BroadcastState();
        buckets = GradientBuckets.Build([.. module.Parameters().Where(p => p.RequiresGrad)], (long)(bucketCapMB * 1024 * 1024));
        // Synchronised batch norm allreduces during backward, on backward's thread: bucket allreduces launched from other
        // threads at the same time could reach MPI in a different order on each rank and pair up wrongly.
        if (overlapWithBackward && World.Size > 1 && !SyncBatchNorm.IsSynchronized(module)) overlap = new BackwardOverlap(buckets, World);
    }

    /// <summary>The wrapped model; call its Forward as usual.</summary>
    public Module Module { get; }

    /// <summary>The processes the model is replicated over.</summary>
    public Communicator World { get; }

    /// <summary>This process's rank in <see cref="World"/>.</summary>
    public int Rank => World.Rank;

    /// <summary>The number of ranks in <see cref="World"/>.</summary>
    public int WorldSize => World.Size;

    /// <summary>Sums <paramref name="values"/> over the ranks, in place.</summary>
    public void SumOverRanks(Span<double> values) => World.AllReduce(values);

    /// <summary>Waits for every rank.</summary>
    public void Barrier() => World.Barrier();

    /// <summary>How many allreduces one <see cref="SynchronizeGradients"/> makes.</summary>
    public int BucketCount => buckets.Length;

    /// <summary>
    /// How many buckets of the last step started their allreduce during the backward pass, before
    /// <see cref="SynchronizeGradients"/> was called (0 without overlap). When every parameter gets a gradient this is
    /// <see cref="BucketCount"/>, though the first layers' bucket completes only as backward ends, so it overlaps little.
    /// </summary>
    public int OverlappedBucketCount => overlap?.LaunchedDuringBackward ?? 0;

    /// <summary>
    /// Replaces every parameter's gradient with its mean over the ranks; call it after Backward and before the optimiser
    /// steps, on every rank. A parameter without a gradient on this rank (unused in its forward pass) contributes zeros,
    /// and receives the average of the others. In a world of one it does nothing. Call it once per backward pass:
    /// accumulating several backward passes before synchronising is not supported with the overlap (it throws).
    /// </summary>
    public void SynchronizeGradients()
    {
        if (World.Size == 1) return;
        if (overlap is not null)
        {
            overlap.Finish();
            return;
        }
        foreach (var bucket in buckets)
        {
            bucket.LoadAll();
            bucket.AllReduceMean(World);
            bucket.Store();
        }
    }

    /// <summary>Copies rank 0's parameters and buffers into every rank's model.</summary>
    public void BroadcastState()
    {
        if (World.Size == 1) return;
        foreach (var p in Module.Parameters()) World.Broadcast(p);
        foreach (var b in Module.Buffers()) World.Broadcast(b);
    }

    /// <summary>
    /// Compares the models' sizes across ranks before anything is broadcast: a mismatch would otherwise pair up the
    /// wrong tensors in the collectives, or leave ranks waiting for each other. Every rank sees the same gathered
    /// numbers, so every rank throws the same error.
    /// </summary>
    private void CheckSameModelOnEveryRank()
    {
        if (World.Size == 1) return;
        long[] mine =
        [
            Module.Parameters().Count(), Module.Parameters().Sum(p => (long)p.Count),
            Module.Buffers().Count(), Module.Buffers().Sum(b => (long)b.Count),
        ];
        var all = new long[mine.Length * World.Size];
        World.AllGather<long>(mine, all);
        var ranks = Enumerable.Range(0, World.Size).Select(r => all.AsSpan(r * mine.Length, mine.Length).ToArray()).ToArray();
        if (ranks.All(r => r.SequenceEqual(ranks[0]))) return;
        throw new InvalidOperationException(
            "DistributedDataParallel: the ranks built different models: " +
            string.Join("; ", ranks.Select((r, i) => $"rank {i} has {r[0]} parameters ({r[1]} elements) and {r[2]} buffers ({r[3]} elements)")) +
            ". Every rank must build the same model.");
    }
}

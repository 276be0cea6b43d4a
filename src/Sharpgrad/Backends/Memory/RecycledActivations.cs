namespace Sharpgrad;

/// <summary>
/// The sizes of forward activation that the two recyclers of activations (<see cref="NN.LayerChainBuffers"/>, an
/// inference chain; <see cref="GraphOwnedActivations"/>, a call whose graph backward frees) log and give back to
/// <see cref="BufferPool"/>: from the pool's minimum to <see cref="MaximumBytes"/> (inference chains, the transformer's
/// calls), or to <see cref="TrainingCallMaximumBytes"/> (a feed-forward network's training call).
/// </summary>
internal static class RecycledActivations
{
    /// <summary>
    /// The largest activation given back to the pool; larger ones are left to the garbage collector. ResNet-18 at batch
    /// 64 has 6–200 MB activations: recycling all of them left its allocations at 1.9 GB per call (the pool evicts
    /// lengths past its capacity) and raised the peak resident set from 2.0–2.3 GB to 3.2–3.8 GB (the pool holding
    /// arrays the GC would have reused). Batch-1 activations, where fresh arrays cost the most per image, are at most
    /// 3.2 MB (docs/performance.md), and the transformer_step benchmark's largest (the feed-forward hidden layer,
    /// [32·64, 512] float32) are 4 MB exactly. An attention's [N, H, L, L] scores at N = H = 8, L = 1024 (256 MB each)
    /// are not logged at all, so a call's log never keeps them alive.
    /// </summary>
    public const long MaximumBytes = 4 << 20;

    /// <summary>
    /// The largest activation a feed-forward network's training call gives back: every call with gradients on of a
    /// <see cref="NN.Sequential"/> (of any built-in layers on the allow-list, <c>NN.FeedForwardLayers</c>), a VGG or a
    /// ResNet opens its <see cref="GraphOwnedActivations"/> with this cap. A convolutional network's activations are 8 MB
    /// (ResNet-20, [128, 16, 32, 32] float32) to 32 MB (VGG-11 at 64×64, [32, 64, 64, 64]) each. The log holds them only
    /// weakly, so a temporary no node saves dies as before; after backward, one step's activations (ResNet-20 at batch
    /// 128: about 0.4 GB) sit in the pool instead of as garbage, and the next step takes them back in the same order
    /// (docs/performance.md, "CNN training activations recycled (branch actrec)"). Unlike inference at batch 64, where
    /// recycling 200 MB arrays the pool could not keep churned through it, a training step asks again for exactly the
    /// lengths it gave back. Larger activations (a 256 MB attention score tensor) are left to the garbage collector.
    /// Known limit: the pool is not trimmed when training ends, so a finished run's activations stay pooled (up to
    /// <see cref="BufferPool.CapacityBytes"/>) through a following evaluation until other lengths evict them.
    /// </summary>
    public const long TrainingCallMaximumBytes = 64 << 20;

    /// <summary>
    /// Starts logging the storages allocated on this thread that are worth recycling: from
    /// <see cref="BufferPool.MinimumBytes"/> (the pool drops smaller ones) to <paramref name="maximumBytes"/>
    /// (<see cref="MaximumBytes"/> or <see cref="TrainingCallMaximumBytes"/>).
    /// </summary>
    public static AllocationLog OpenLog(long maximumBytes = MaximumBytes, Action<Storage>? handOver = null)
        => AllocationLog.Open(BufferPool.MinimumBytes, maximumBytes, handOver);

    /// <summary>
    /// Gives <paramref name="storage"/>, taken from a log <see cref="OpenLog"/> opened, back to the pool, and returns its
    /// bytes. The caller has proved that nothing reads or writes it any more.
    /// </summary>
    public static long GiveBack(Storage storage)
    {
        storage.Recycle();
        return storage.Bytes;
    }
}

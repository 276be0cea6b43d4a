namespace Sharpgrad;

/// <summary>
/// The sizes of forward activation that the two recyclers of activations (<see cref="NN.LayerChainBuffers"/>, an
/// inference chain; <see cref="GraphOwnedActivations"/>, a call whose graph backward frees) log and give back to
/// <see cref="BufferPool"/>: one rule, so that both keep the pool, and the peak resident set, equally small.
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
    /// Starts logging the storages allocated on this thread that are worth recycling: from
    /// <see cref="BufferPool.MinimumBytes"/> (the pool drops smaller ones) to <see cref="MaximumBytes"/>.
    /// </summary>
    public static AllocationLog OpenLog() => AllocationLog.Open(BufferPool.MinimumBytes, MaximumBytes);

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

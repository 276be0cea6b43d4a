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
    /// The largest activation a convolutional network's training call (<see cref="GraphOwnedActivations"/> opened by a
    /// Sequential, VGG or ResNet) gives back. Its activations are 8 MB (ResNet-20, [128, 16, 32, 32] float32) to 32 MB
    /// (VGG-11 at 64×64, [32, 64, 64, 64]) each, and nearly all of them are saved by a node anyway (a convolution's
    /// output by the batch norm after it, that one's by the ReLU, the ReLU's by the next convolution or pool), so the log
    /// holding them until the call returns keeps little alive that the graph would not. After backward, one step's
    /// activations (ResNet-20: about 0.4 GB) sit in the pool instead of as garbage, and the next step takes them back
    /// in the same order (docs/performance.md, "CNN training activations recycled (branch actrec)"). Unlike
    /// inference at batch 64, where recycling 200 MB arrays the pool could not keep churned through it, a training step
    /// asks again for exactly the lengths it gave back.
    /// </summary>
    public const long ConvolutionalMaximumBytes = 64 << 20;

    /// <summary>
    /// Starts logging the storages allocated on this thread that are worth recycling: from
    /// <see cref="BufferPool.MinimumBytes"/> (the pool drops smaller ones) to <paramref name="maximumBytes"/>
    /// (<see cref="MaximumBytes"/> or <see cref="ConvolutionalMaximumBytes"/>).
    /// </summary>
    public static AllocationLog OpenLog(long maximumBytes = MaximumBytes) => AllocationLog.Open(BufferPool.MinimumBytes, maximumBytes);

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

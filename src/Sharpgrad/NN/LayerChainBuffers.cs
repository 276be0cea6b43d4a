namespace Sharpgrad.NN;

/// <summary>
/// Recycles the activations that a chain of built-in layers hands from one layer to the next during inference, as
/// soon as the next layer has consumed them, so that a network run again on the same shapes takes its activation
/// buffers from <see cref="BufferPool"/> instead of allocating them. PyTorch frees such a tensor when its reference
/// count drops to zero; the library has no reference counts, so it recycles only what it can prove nobody else sees.
/// </summary>
/// <remarks>
/// Why: ResNet-18 at batch 1 allocated 35 MB of fresh large-object-heap arrays per call; each costs zeroing and page
/// faults and counts towards gen-2 collections (docs/performance.md, "Batch-1 inference after the GEMV path").
/// The proof, checked once per call by <see cref="Open"/>: gradients are off (no graph saves an activation), every
/// module of the chain is in eval mode (a training-mode batch norm under no-grad may replace its running statistics
/// by new tensors), none has a forward hook (a hook could keep an intermediate output), and every one is the
/// library's own, which keep nothing of what they compute (a caller must also run only the chain's registered
/// modules). Then a
/// storage allocated on this thread (<see cref="AllocationLog"/>) since the previous layer returned is one of that
/// layer's temporaries or its output, and the previous output is dead once the next layer has returned, unless the
/// new output views it (an identity or a reshape). Storages allocated on worker threads are not logged and simply
/// stay with the garbage collector.
/// </remarks>
internal sealed class LayerChainBuffers : IDisposable
{
    private readonly AllocationLog? log;
    private Storage? carried;   // the storage of the last output, if the chain allocated it

    private LayerChainBuffers(AllocationLog? log) => this.log = log;

    /// <summary>Starts recycling for one forward call of <paramref name="chain"/> where that is safe; a no-op otherwise.</summary>
    public static LayerChainBuffers Open(Module chain) => new(MayRecycle(chain) ? AllocationLog.Open() : null);

    private static bool MayRecycle(Module chain)
    {
        if (Autograd.IsGradEnabled) return false;
        foreach (var module in chain.Modules())
            if (module.IsTraining || (!ReferenceEquals(module, chain) && module.HasForwardHooks) || !BuiltIn(module)) return false;
        return true;
    }

    /// <summary>A module of this library: a user's module (added to a public Sequential of the chain, say) may keep what it sees.</summary>
    private static bool BuiltIn(Module module) => module.GetType().Assembly == typeof(Module).Assembly;

    /// <summary>
    /// Takes the output of the next layer of the chain and recycles every storage allocated since the previous call
    /// except the one <paramref name="output"/> views, which the following layer reads. Returns <paramref name="output"/>.
    /// </summary>
    public Tensor Next(Tensor output)
    {
        if (log is null) return output;
        Storage? keep = null;
        foreach (var storage in log.TakeNew())
            if (ReferenceEquals(storage, output.storage)) keep = storage;
            else Recycle(storage);
        if (carried is not null)
        {
            if (ReferenceEquals(carried, output.storage)) keep = carried;
            else Recycle(carried);
        }
        carried = keep;
        return output;
    }

    /// <summary>
    /// The largest activation given back to the pool; larger ones are left to the garbage collector. ResNet-18 at batch
    /// 64 has 6–200 MB activations: recycling all of them left its allocations at 1.9 GB per call (the pool evicts
    /// lengths past its capacity) and raised the peak resident set from 2.0–2.3 GB to 3.2–3.8 GB (the pool holding
    /// arrays the GC would have reused). Batch-1 activations, where fresh arrays cost the most per image, are at most
    /// 3.2 MB (docs/performance.md).
    /// </summary>
    private const long RecycleBytes = 4 << 20;

    private static void Recycle(Storage storage)
    {
        if ((long)storage.Length * storage.DType.ElementSize() <= RecycleBytes) storage.Recycle();
    }

    /// <summary>Stops logging. The last output stays with whoever reads it (the garbage collector reclaims it later).</summary>
    public void Dispose() => log?.Dispose();
}

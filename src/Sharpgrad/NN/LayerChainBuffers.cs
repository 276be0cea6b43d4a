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
/// The proof, checked at run time on every call by <see cref="Open"/> (a user may <c>Add</c> a module to a stage's
/// public Sequential at any time, so the constructor's layout proves nothing):
/// <list type="bullet">
/// <item>gradients are off, so no graph saves an activation;</item>
/// <item>every module of the tree is of one of the chain's listed types, exactly (not a subclass): layers that run no
/// user code and keep nothing of what they compute. "Of this library" is not enough: an Ensemble, say, runs a user's
/// transform on its members' outputs, and the transform may keep one;</item>
/// <item>every module is in eval mode: in training a batch norm with <see cref="BatchNormNd.StatisticsSync"/> hands
/// a tensor it allocated to user code (<see cref="IBatchStatisticsSync.SumOverProcesses"/>), which may keep it or
/// return one of its own making on this thread; and recycling is for inference only;</item>
/// <item>no module below the chain has a forward hook (a hook could keep an intermediate output).</item>
/// </list>
/// Then a storage allocated on this thread (<see cref="AllocationLog"/>; only the sizes <see cref="RecycledActivations"/>
/// recycles are logged) since the previous layer returned is one of
/// that layer's temporaries or its output, and the previous output is dead once the next layer has returned, unless
/// the new output views it (an identity or a reshape). Storages allocated on worker threads are not logged and
/// simply stay with the garbage collector. A caller must run only the chain's registered modules.
/// </remarks>
internal sealed class LayerChainBuffers : IDisposable
{
    private AllocationLog? log;           // this call's; null when the call recycles nothing
    private AllocationLog? logForReuse;   // created by the first recycling call on this thread, reopened by the next ones
    private Storage? carried;             // the storage of the last output, if the chain allocated it

    private LayerChainBuffers() { }

    /// <summary>
    /// The thread's chain object between calls: a call takes it and gives it back on <see cref="Dispose"/>, so that an
    /// MLP's forward allocates no chain and no log per call (they were 615 bytes of a batch-1 call's 8.2 KB). A chain
    /// opened inside another one (a ResNet inside a user's module inside a Sequential) finds it taken and makes its own.
    /// </summary>
    [ThreadStatic] private static LayerChainBuffers? idle;

    /// <summary>
    /// Chains whose call is running on this thread, recycling or not: a nested chain leaves the choice to the outermost,
    /// since a Sequential inside a chain is only more levels of the one composition f⁽ⁿ⁾(…f⁽¹⁾(x)) (GBC §6), whose
    /// activations the outermost chain sees and hands on.
    /// </summary>
    [ThreadStatic] private static int openOnThisThread;

    /// <summary>
    /// Whether a chain's call is running on this thread. A Sequential called inside it (a ResNet's stage) does not open
    /// a chain of its own: the outer chain recycles what the Sequential allocates, or, if it declined to recycle (a hook
    /// or a module of the user's anywhere in its tree, or training mode), keeps every Sequential below it from
    /// recycling too, so that a hook sees the same tensors whichever module of the tree carries it.
    /// </summary>
    public static bool IsOpenOnThisThread => openOnThisThread > 0;

    /// <summary>
    /// Bytes given back to the pool by chains run on this thread, ever: per thread so that tests running in parallel
    /// can see what their own call recycled.
    /// </summary>
    [ThreadStatic] private static long recycledBytesOnThisThread;

    internal static long RecycledBytesOnThisThread => recycledBytesOnThisThread;

    /// <summary>
    /// Starts recycling for one forward call of <paramref name="chain"/> where that is safe; a no-op otherwise.
    /// <paramref name="layersThatKeepNothing"/> lists the exact module types (the chain's own included) that run no
    /// user code and keep no tensor they compute or see.
    /// </summary>
    public static LayerChainBuffers Open(Module chain, IReadOnlySet<Type> layersThatKeepNothing)
    {
        var buffers = idle ?? new LayerChainBuffers();
        idle = null;
        openOnThisThread++;
        if (MayRecycle(chain, layersThatKeepNothing)) buffers.StartLogging();
        return buffers;
    }

    private void StartLogging()
    {
        if (logForReuse is null) logForReuse = RecycledActivations.OpenLog();
        else logForReuse.Reopen();
        log = logForReuse;
    }

    private static bool MayRecycle(Module chain, IReadOnlySet<Type> layersThatKeepNothing)
        => !Autograd.IsGradEnabled && BuiltInModuleTree.KeepsNothing(chain, layersThatKeepNothing, evalOnly: true);

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

    private static void Recycle(Storage storage) => recycledBytesOnThisThread += RecycledActivations.GiveBack(storage);

    /// <summary>Stops logging. The last output stays with whoever reads it (the garbage collector reclaims it later).</summary>
    public void Dispose()
    {
        log?.Dispose();
        log = null;
        carried = null;   // the caller's result: the idle object must not keep it alive
        openOnThisThread--;
        idle = this;
    }
}

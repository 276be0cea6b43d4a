namespace Sharpgrad;

/// <summary>
/// The activations one forward call of a built-in module computes and keeps to itself: every storage allocated on
/// this thread while the call runs, except the one its result views. They are read afterwards only by the autograd
/// nodes the call recorded (as saved values), so once the backward pass has freed every one of those nodes they are
/// dead, and this gives them back to <see cref="BufferPool"/>; the next step's forward, or the rest of this backward
/// pass, then reuses them instead of allocating fresh arrays. With no node recorded (no-grad, or no input requires
/// grad) they are dead as soon as the call returns.
/// </summary>
/// <remarks>
/// Why: a transformer training step allocated 54 MB of fresh forward activations (large-object-heap arrays: page
/// faults, page clearing and gen-2 collections, 20–35% of the step; docs/performance.md, "transformer_step round
/// one"). PyTorch frees them by reference counting when the graph is freed after backward; a managed library has no
/// reference counts, so it recycles only what it can prove dead (design.md, "Who returns buffers").
/// The proof has three parts. (1) The module (<c>NN.InternalActivations</c> checks this on every call) runs no user
/// code and keeps nothing it computes: exact built-in types, no forward hooks below it, so its intermediate tensors
/// reach only its own code, the nodes it records, and its result, which is excluded. (2) Every node recorded during
/// the call counts itself here (<see cref="NodeRecorded"/>), and only the backward engine frees nodes. (3) A node whose rule
/// ran while recording a graph (createGraph) may have handed its saved values to the new graph, and a user-defined
/// <see cref="Function"/> may keep what it sees: either poisons the call, which then recycles nothing, even when a later pass frees its nodes. A node never
/// freed (retainGraph, a branch the loss does not use, a graph dropped without backward) keeps the count above zero,
/// so nothing is recycled and the garbage collector reclaims the arrays as before.
/// Only storages of the sizes <see cref="RecycledActivations"/> recycles are logged, and the call holds them weakly from
/// the moment they are allocated, so it keeps no dead temporary alive, not even while it runs (a residual block's batch
/// norm output before the add, dropout's uniform draws, which no node saves, die as before); larger ones, and those
/// allocated on other threads, stay with the garbage collector. When the last node is freed, a storage still alive is
/// reachable only from those nodes and from garbage, so its array is dead. Calls nest: while one is open an inner module's call adds to it rather than opening
/// its own, and none opens inside another <see cref="AllocationLog"/> (a backward pass, an inference chain), whose owner
/// would otherwise not see the storages.
/// </remarks>
internal sealed class GraphOwnedActivations : IDisposable
{
    [ThreadStatic] private static GraphOwnedActivations? current;
    [ThreadStatic] private static long recycledBytesOnThisThread;
    // Calls open on all threads together. Every recorded node asks for Current, and a thread-static read is a call into
    // the runtime's thread-local storage; a plain static read of 0 answers for the common case, a model with no logged
    // call open (17 of 4,832 instructions per small op saved; docs/performance.md, "Per-op overhead"). Seeing a call
    // open on this thread is a safety requirement, not a speed-up: a node holding saved storages that went uncounted
    // could let liveNodes reach 0 and a live buffer be reused. It holds: this thread sees its own increment (program
    // order), and another thread's count can only send this thread to its own (null) slot.
    private static int openOnAnyThread;

    private AllocationLog? log;   // hands each storage over to owned (below) instead of holding it
    // Weak, so that a temporary no node saved (the logits a mask was added to, dropout's uniform draws, a residual
    // block's batch norm output before the add) dies when the GC finds it unreachable, during the call or after it,
    // instead of living as long as the call or the graph; a graph kept without backward (an eval loop with gradients
    // on) keeps only what its nodes save.
    private readonly List<WeakReference<Storage>> owned = [];
    private int liveNodes;
    private bool closed, poisoned, recycled;

    private GraphOwnedActivations(long maximumBytes)
    {
        // Only this thread adds, and only before Close; until then RecycleIfDead does not touch the list.
        log = RecycledActivations.OpenLog(maximumBytes, storage => owned.Add(new WeakReference<Storage>(storage)));
        current = this;
        Interlocked.Increment(ref openOnAnyThread);
    }

    /// <summary>The call open on this thread, which the nodes recorded now belong to.</summary>
    internal static GraphOwnedActivations? Current => openOnAnyThread == 0 ? null : current;

    /// <summary>Bytes given back to the pool by calls whose last node was freed on this thread (tests, diagnostics).</summary>
    internal static long RecycledBytesOnThisThread => recycledBytesOnThisThread;

    /// <summary>
    /// Starts logging one forward call; null (nothing to do) when one is already open on this thread (an inner module's
    /// call then adds to it), when another allocation log is, or else when <paramref name="keepsNothing"/> (the check
    /// that the module keeps nothing it computes, <c>NN.BuiltInModuleTree</c>, asked only now since it walks the tree)
    /// says no. Storages larger than <paramref name="maximumBytes"/> are left to the garbage collector.
    /// </summary>
    internal static GraphOwnedActivations? TryOpen(Func<bool> keepsNothing, long maximumBytes)
        => current is null && AllocationLog.Current is null && keepsNothing() ? new(maximumBytes) : null;

    /// <summary>A node recorded during the call saves some of its activations.</summary>
    internal void NodeRecorded(bool userDefined)
    {
        if (userDefined) poisoned = true;   // user code may keep what its forward saw
        Interlocked.Increment(ref liveNodes);
    }

    /// <summary>A rule of the call ran while recording a graph (createGraph), which may keep its saved values.</summary>
    internal void SavedValuesEscaped() => poisoned = true;

    /// <summary>The backward engine freed one of the call's nodes.</summary>
    internal void NodeFreed()
    {
        if (Interlocked.Decrement(ref liveNodes) == 0) RecycleIfDead();
    }

    /// <summary>
    /// Ends the call: everything it allocated except the storage <paramref name="result"/> views is now owned by its
    /// nodes alone (or by nobody, when it recorded none, and then goes back to the pool at once). Returns
    /// <paramref name="result"/>.
    /// </summary>
    internal Tensor Close(Tensor result)
    {
        EndLogging();
        lock (owned)
        {
            closed = true;
            owned.RemoveAll(weak => !weak.TryGetTarget(out var storage) || ReferenceEquals(storage, result.storage));
            // No node: nothing saved anything (no-grad inference), so every storage still alive but the result is dead.
            if (Volatile.Read(ref liveNodes) == 0) RecycleOwned();
        }
        return result;
    }

    /// <summary>Stops logging; after an exception (no <see cref="Close"/>) nothing is ever recycled.</summary>
    public void Dispose() => EndLogging();

    private void EndLogging()
    {
        if (!ReferenceEquals(current, this)) return;
        current = null;
        Interlocked.Decrement(ref openOnAnyThread);
        log!.Dispose();
        log = null;
    }

    /// <summary>
    /// The last node is freed. A storage still alive is reachable only from those freed nodes and from garbage (the
    /// proof above), so its array is dead and goes back to the pool; one the GC has collected took its array with it.
    /// </summary>
    private void RecycleIfDead()
    {
        lock (owned)
            if (closed && !poisoned && !recycled) RecycleOwned();
    }

    private void RecycleOwned()
    {
        recycled = true;
        foreach (var weak in owned)
            if (weak.TryGetTarget(out var storage)) Recycle(storage);
        owned.Clear();
    }

    private static void Recycle(Storage storage) => recycledBytesOnThisThread += RecycledActivations.GiveBack(storage);
}

namespace Sharpgrad;

/// <summary>
/// The backward pass's own memory: which storages it allocated, which of them still hold a gradient it needs, and
/// recycling the rest into <see cref="BufferPool"/> as soon as it is done with them, so that a training step reuses
/// the previous step's gradient buffers instead of allocating new ones (DESIGN.md: "intermediate buffers are pooled
/// and reused", with no Dispose for the user).
/// </summary>
/// <remarks>
/// The proof that a buffer is free: it was allocated on this thread during this pass (<see cref="AllocationLog"/>),
/// so no tensor from before the pass views it, and the pass holds it only through gradients it is still going to
/// use. Each such storage carries a count of the pending gradients that view it (a backward rule may pass its
/// incoming gradient through, or return views of one buffer for several inputs). When the count drops to zero the
/// buffer goes back to the pool; a storage that a rule allocated but returned no view of was a temporary and goes
/// back at once. Nothing is recycled that escapes: gradients handed to the user (a leaf's Grad, the results of
/// Autograd.Grad) are disowned first, a double-backward pass (createGraph) keeps everything, and the rules of
/// user-defined <see cref="Function"/>s run with the log suspended and their incoming gradient disowned, since user
/// code may keep what it allocates and what it is handed.
/// Built-in backward rules are pure functions of their saved values and the incoming gradient; they keep nothing.
/// </remarks>
internal sealed class BackwardBuffers : IDisposable
{
    private readonly AllocationLog? log;
    private readonly Dictionary<Storage, int> pending = new(ReferenceEqualityComparer.Instance);
    private readonly List<Storage> adoptedSinceSweep = [];
    private readonly HashSet<Storage> disowned = new(ReferenceEqualityComparer.Instance);

    private readonly AllocationLog.Suspension outerLogSetAside;

    /// <param name="enabled">
    /// False for a pass that records a graph (createGraph): its gradients are graph tensors, so it recycles nothing,
    /// and it also sets aside any log an enclosing pass has open, which must not adopt them either.
    /// </param>
    public BackwardBuffers(bool enabled)
    {
        outerLogSetAside = AllocationLog.Suspend(!enabled);
        log = enabled ? AllocationLog.Open() : null;
    }

    /// <summary>Counts one more pending gradient on <paramref name="gradient"/>'s storage, if this pass allocated it.</summary>
    public void Hold(Tensor gradient)
    {
        if (log is null) return;
        Adopt();
        if (pending.TryGetValue(gradient.storage, out int count)) pending[gradient.storage] = count + 1;
    }

    /// <summary>One pending gradient on this storage is used up; recycles the storage when it was the last.</summary>
    public void Drop(Tensor gradient)
    {
        if (log is null || !pending.TryGetValue(gradient.storage, out int count)) return;
        if (count > 1)
        {
            pending[gradient.storage] = count - 1;
            return;
        }
        pending.Remove(gradient.storage);
        gradient.storage.Recycle();
    }

    /// <summary>
    /// Whether <paramref name="gradient"/> is the only pending view of a buffer this pass owns and covers all of
    /// it, so that it can become a leaf's Grad as it is instead of being copied.
    /// </summary>
    public bool SoleOwner(Tensor gradient)
        => log is not null && pending.TryGetValue(gradient.storage, out int count) && count == 1
           && gradient.offset == 0 && gradient.Count == gradient.storage.Length && gradient.IsContiguous;

    /// <summary>The storage leaves the pass's care (it became a leaf's Grad, or is returned to the caller).</summary>
    public void Disown(Tensor gradient)
    {
        if (log is null) return;
        Adopt();
        pending.Remove(gradient.storage);
        disowned.Add(gradient.storage);
    }

    /// <summary>
    /// Storages allocated since the last call become candidates at count zero; call <see cref="RecycleTemporaries"/>
    /// after holding the gradients a rule returned, to free the ones nobody holds.
    /// </summary>
    private void Adopt()
    {
        foreach (var storage in log!.TakeNew())
            if (!disowned.Contains(storage) && pending.TryAdd(storage, 0)) adoptedSinceSweep.Add(storage);
    }

    /// <summary>Recycles every storage this pass allocated that no pending gradient views (a rule's temporaries).</summary>
    public void RecycleTemporaries()
    {
        if (log is null) return;
        Adopt();
        // Only a storage adopted since the last sweep can sit at zero: Drop recycles the others the moment theirs hits it.
        foreach (var storage in adoptedSinceSweep)
            if (pending.TryGetValue(storage, out int count) && count == 0)
            {
                pending.Remove(storage);
                storage.Recycle();
            }
        adoptedSinceSweep.Clear();
    }

    public void Dispose()
    {
        log?.Dispose();
        outerLogSetAside.Dispose();
    }
}

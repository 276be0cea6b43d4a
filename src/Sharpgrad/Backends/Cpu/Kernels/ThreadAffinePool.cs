namespace Sharpgrad.Kernels;

/// <summary>
/// A pool of reusable work buffers that hands a thread back the buffers it used last: each thread keeps up to
/// <see cref="PerThread"/> returned items of its own, and only the rest go to a shared stack (up to
/// <see cref="sharedLimit"/>), from which a thread with none of its own takes one. A buffer that moves between cores
/// costs a cache-line transfer for every line the new thread writes; on a guest whose two vCPUs the host sometimes
/// places on different L3 slices that transfer costs 2.5× (docs/performance.md, "Two-thread slow windows").
/// </summary>
internal sealed class ThreadAffinePool<TItem>(int perThread, int sharedLimit) where TItem : class
{
    [ThreadStatic] private static Dictionary<object, Stack<TItem>>? ownByPool;

    private readonly Stack<TItem> shared = new();

    /// <summary>How many returned items one thread keeps for itself.</summary>
    public int PerThread { get; } = perThread;

    public TItem Rent(Func<TItem> create)
    {
        var own = Own();
        if (own.TryPop(out var item)) return item;
        lock (shared) return shared.TryPop(out item) ? item : create();
    }

    public void Return(TItem item)
    {
        var own = Own();
        if (own.Count < PerThread)
        {
            own.Push(item);
            return;
        }
        lock (shared)
            if (shared.Count < sharedLimit) shared.Push(item);
    }

    private Stack<TItem> Own()
    {
        var map = ownByPool ??= [];
        if (!map.TryGetValue(this, out var own)) map[this] = own = new Stack<TItem>();
        return own;
    }
}

namespace Sharpgrad.Kernels;

/// <summary>
/// A pool of reusable work buffers that hands a thread back the buffers it used last: each thread keeps up to
/// <see cref="PerThread"/> returned items of its own, newest first, and only the rest go to a shared stack (of at most
/// the limit given to the constructor), from which a thread with none of its own takes one. A buffer that moves
/// between cores costs a cache-line transfer for every line the new thread writes; on a guest whose two vCPUs the host
/// sometimes places on cores that share no L3, that transfer costs about 2.5× as much (docs/performance.md,
/// "Two-thread slow windows").
/// </summary>
internal sealed class ThreadAffinePool<TItem>(int perThread, int sharedLimit) where TItem : class
{
    private readonly ThreadLocal<Stack<TItem>> own = new(() => new Stack<TItem>());
    private readonly Stack<TItem> shared = new();

    /// <summary>How many returned items one thread keeps for itself.</summary>
    public int PerThread { get; } = perThread;

    /// <summary>One of this thread's own items, else one from the shared stack, else <paramref name="create"/>'s.</summary>
    public TItem Rent(Func<TItem> create)
    {
        if (own.Value!.TryPop(out var item)) return item;
        lock (shared)
            if (shared.TryPop(out item)) return item;
        return create();
    }

    /// <summary>Keeps <paramref name="item"/> for the returning thread, or for any thread once it keeps its share; past the shared limit, drops it.</summary>
    public void Return(TItem item)
    {
        var mine = own.Value!;
        if (mine.Count < PerThread)
        {
            mine.Push(item);
            return;
        }
        lock (shared)
            if (shared.Count < sharedLimit) shared.Push(item);
    }
}

namespace Sharpgrad;

/// <summary>
/// The storages allocated on this thread while the log is open. The backward pass opens one so that it knows which
/// buffers it created itself (gradients and the temporaries of backward rules) and may therefore recycle. It is
/// per thread: a data loader filling batches on another thread is not counted, and a storage allocated inside a
/// parallel chunk is logged only if the calling thread ran that chunk; unlogged storages are simply never recycled,
/// so that is safe (kernels write into storages rather than allocate them, in any case). A log may keep only the
/// storages of a range of sizes (<see cref="RecycledActivations.OpenLog"/>): the others it never holds, so a log open
/// for a whole forward call does not keep its large temporaries alive. A log may also hand each storage to its owner
/// instead of holding it (<see cref="Open"/>'s <c>handOver</c>), so that the owner can hold it weakly.
/// </summary>
internal sealed class AllocationLog : IDisposable
{
    [ThreadStatic] private static AllocationLog? current;
    private AllocationLog? outer;
    private readonly long smallestBytes, largestBytes;
    private readonly Action<Storage>? handOver;
    private List<Storage> storages = [], spare = [];

    private AllocationLog(long smallestBytes, long largestBytes, Action<Storage>? handOver)
    {
        outer = current;
        current = this;
        (this.smallestBytes, this.largestBytes, this.handOver) = (smallestBytes, largestBytes, handOver);
    }

    public static AllocationLog? Current => current;

    /// <summary>
    /// Starts logging on this thread until <see cref="Dispose"/>; nests. Only storages of
    /// <paramref name="smallestBytes"/> to <paramref name="largestBytes"/> bytes are logged. With
    /// <paramref name="handOver"/>, each is passed to it as it is allocated instead of being held for
    /// <see cref="TakeNew"/>.
    /// </summary>
    public static AllocationLog Open(long smallestBytes = 0, long largestBytes = long.MaxValue, Action<Storage>? handOver = null)
        => new(smallestBytes, largestBytes, handOver);

    /// <summary>
    /// When <paramref name="suspend"/> is true, stops logging for a while (around user code, which may keep what it
    /// allocates), until the result is disposed; otherwise does nothing.
    /// </summary>
    public static Suspension Suspend(bool suspend) => new(current, suspend);

    public void Add(Storage storage)
    {
        long bytes = storage.Bytes;
        if (bytes < smallestBytes || bytes > largestBytes) return;
        if (handOver is null) storages.Add(storage);
        else handOver(storage);
    }

    /// <summary>
    /// The storages logged since the last call, and forgets them. The list is valid until the next call, which
    /// reuses it: the backward pass asks at every node, so the two lists swap instead of being allocated anew.
    /// </summary>
    public List<Storage> TakeNew()
    {
        (storages, spare) = (spare, storages);
        storages.Clear();
        return spare;
    }

    /// <summary>
    /// Starts logging again after <see cref="Dispose"/>, with the same sizes: for a caller that keeps one log per thread
    /// instead of allocating one per call (<see cref="NN.LayerChainBuffers"/>). The log must not be open already.
    /// </summary>
    public void Reopen()
    {
        outer = current;
        current = this;
    }

    /// <summary>Stops logging and forgets what was logged, so that a log kept for <see cref="Reopen"/> holds no storage alive.</summary>
    public void Dispose()
    {
        current = outer;
        outer = null;
        storages.Clear();
        spare.Clear();
    }

    /// <summary>Restores the log that <see cref="Suspend"/> set aside.</summary>
    public readonly struct Suspension : IDisposable
    {
        private readonly AllocationLog? saved;
        private readonly bool suspended;

        internal Suspension(AllocationLog? saved, bool suspend)
        {
            this.saved = saved;
            suspended = suspend;
            if (suspend) current = null;
        }

        public void Dispose()
        {
            if (suspended) current = saved;
        }
    }
}

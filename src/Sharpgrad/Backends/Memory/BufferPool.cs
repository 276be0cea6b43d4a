namespace Sharpgrad;

/// <summary>
/// Arrays that the library has finished with, kept for the next op that needs one of the same length. A training
/// loop asks for the same few shapes every step, so exact lengths are enough. Only the library returns arrays, and
/// only when it can prove nothing else sees them: <see cref="BackwardBuffers"/> (a node's backward scratch);
/// <see cref="Backends.Cpu.CpuPackedRight{T}"/> (a right operand packed for many products: an LSTM's W_hh, disposed
/// after the pass's last product, or LogisticRegression's X and Xᵀ, disposed at the end of the fit; in both cases
/// when the GEMM that read the array has joined its threads, and only arrays up to 1/16 of the pool's capacity);
/// and the forward activations of built-in
/// modules that run no user code, keep nothing they compute and have no forward hook below them
/// (<see cref="RecycledActivations"/>, 4 KB to 4 MB each, or to 64 MB in the training call of a Sequential, VGG or
/// ResNet): <see cref="NN.LayerChainBuffers"/> in eval-mode no-grad inference, once the next layer has consumed them,
/// and <see cref="GraphOwnedActivations"/> (a Transformer encoder or encoder layer; a Sequential, VGG or ResNet of
/// built-in feed-forward layers with gradients on), once the backward pass has freed every node the call recorded
/// without createGraph or retainGraph, or at once when it recorded none. Tensors the user can reach (a module's
/// result, what a hook saw) are
/// never recycled and simply become garbage as usual.
/// </summary>
/// <remarks>
/// Why: every op allocates its result. Arrays of 85 000 bytes or more live on the large-object heap, whose
/// allocations count towards gen-2 collections, and a fresh array costs zeroing plus, when the collector has handed
/// the memory back to the OS, a page fault per 4 KB. On a LeNet-5 epoch that was a quarter of the time (see
/// docs/performance.md). PyTorch gets the same reuse from its allocator's free lists.
/// Small arrays (under <see cref="MinimumBytes"/>) are cheaper to allocate in gen 0 than to pool. The pool keeps at
/// most <see cref="CapacityBytes"/> (SHARPGRAD_POOL_MB, by default a quarter of the memory available to the GC, at most 1 GB); past that, the least recently used lengths are dropped for the GC to collect.
/// </remarks>
internal sealed class BufferPool(long capacityBytes)
{
    public const int MinimumBytes = 4096;

    /// <summary>The pool every tensor allocation goes through.</summary>
    public static BufferPool Shared { get; } = new(FromEnvironment());

    public long CapacityBytes { get; } = capacityBytes;

    private readonly object gate = new();
    private readonly Dictionary<(Type, int), Bucket> buckets = [];
    private long pooledBytes;
    private long clock;

    private sealed class Bucket(long bytesPerArray)
    {
        public readonly Stack<Array> Arrays = new();
        public readonly long BytesPerArray = bytesPerArray;
        public long LastUse;
    }

    /// <summary>Bytes currently held for reuse (for tests and diagnostics).</summary>
    public long PooledBytes
    {
        get { lock (gate) return pooledBytes; }
    }

    /// <summary>An array of exactly <paramref name="length"/> elements with unspecified contents.</summary>
    public T[] Rent<T>(int length) where T : unmanaged
    {
        if (Pooled<T>(length))
            lock (gate)
                if (buckets.TryGetValue((typeof(T), length), out var bucket))
                {
                    pooledBytes -= bucket.BytesPerArray;
                    var array = (T[])bucket.Arrays.Pop();
                    if (bucket.Arrays.Count == 0) buckets.Remove((typeof(T), length));  // lengths no longer used do not pile up
                    return array;
                }
        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>Gives <paramref name="array"/> back. The caller promises that nothing reads or writes it any more.</summary>
    public void Return<T>(T[] array) where T : unmanaged
    {
        if (!Pooled<T>(array.Length)) return;
        long bytes = (long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        lock (gate)
        {
            if (!buckets.TryGetValue((typeof(T), array.Length), out var bucket))
                buckets[(typeof(T), array.Length)] = bucket = new Bucket(bytes);
            bucket.Arrays.Push(array);
            bucket.LastUse = ++clock;
            pooledBytes += bytes;
            while (pooledBytes > CapacityBytes) EvictLeastRecentlyUsed();
        }
    }

    /// <summary>Drops every pooled array (tests; or an app that wants its memory back between phases).</summary>
    public void Clear()
    {
        lock (gate)
        {
            buckets.Clear();
            pooledBytes = 0;
        }
    }

    private static bool Pooled<T>(int length) where T : unmanaged
        => (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() >= MinimumBytes;

    private void EvictLeastRecentlyUsed()
    {
        KeyValuePair<(Type, int), Bucket>? oldest = null;
        foreach (var entry in buckets)
            if (oldest is null || entry.Value.LastUse < oldest.Value.Value.LastUse) oldest = entry;
        if (oldest is not { } found) return;
        found.Value.Arrays.Pop();
        pooledBytes -= found.Value.BytesPerArray;
        if (found.Value.Arrays.Count == 0) buckets.Remove(found.Key);
    }

    /// <summary>SHARPGRAD_POOL_MB, else a quarter of the memory the GC may use, at most 1 GB.</summary>
    private static long FromEnvironment()
    {
        if (long.TryParse(Environment.GetEnvironmentVariable("SHARPGRAD_POOL_MB"), out var mb) && mb >= 0) return mb << 20;
        return Math.Min(1L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
    }
}

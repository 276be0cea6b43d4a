namespace Sharpgrad.Kernels;

/// <summary>
/// The column-matrix tile of one running part of a <see cref="GemmConvolution"/>, rented from a small pool and
/// returned when the part is done, so a training step reuses a few cache-sized buffers instead of allocating a
/// column matrix for the whole batch per call. As for <see cref="GemmWorkspace{T}"/>, a pool rather than per-thread
/// buffers keeps the memory bounded by how many parts run at once. All scratch handling of the convolution goes
/// through this type, so moving it onto a general buffer pool is a change here alone.
/// </summary>
internal sealed class ColumnScratch<T> where T : unmanaged
{
    private static readonly Stack<ColumnScratch<T>> pool = new();
    private static readonly int poolLimit = Math.Max(2, Environment.ProcessorCount);

    private T[] buffer = [];

    public static ColumnScratch<T> Rent()
    {
        lock (pool) return pool.TryPop(out var scratch) ? scratch : new ColumnScratch<T>();
    }

    public static void Return(ColumnScratch<T> scratch)
    {
        lock (pool)
            if (pool.Count < poolLimit) pool.Push(scratch);
    }

    /// <summary>
    /// An array of at least <paramref name="length"/> elements with unspecified contents, valid until the scratch is
    /// returned (an array rather than a span because <see cref="Gemm"/> operands are arrays).
    /// </summary>
    public T[] Get(int length)
    {
        if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<T>(length);
        return buffer;
    }
}

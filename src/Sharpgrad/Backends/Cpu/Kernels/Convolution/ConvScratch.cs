namespace Sharpgrad.Kernels;

/// <summary>
/// A scratch buffer of the convolution kernels — a column-matrix tile, a zero-padded image, an operand transposed for
/// the implicit tiles, the weight gradient's partial sums — rented from a small pool and returned when the part of
/// the work that needed it is done, so a training step reuses a few cache-sized buffers instead of allocating per
/// call (the whole batch's column matrix was 5 MB for LeNet-5's first layer). As for <see cref="GemmWorkspace{T}"/>,
/// the pool hands a thread back the buffers it returned (<see cref="ThreadAffinePool{TItem}"/>), so a tile's scratch
/// stays in the cache of the core that last wrote it, and keeps the memory bounded by a few per thread. The per-call work
/// buffers sized by the batch go through here; the small weight-sized copies (flipped, transposed or padded weights)
/// are plain arrays.
/// </summary>
internal sealed class ConvScratch<T> where T : unmanaged
{
    // Each running part holds up to three (image, transposed operand, sums) and the weight gradient one more.
    private static readonly ThreadAffinePool<ConvScratch<T>> pool = new(perThread: 4, sharedLimit: 4 * Math.Max(2, Environment.ProcessorCount));

    private T[] buffer = [];

    public static ConvScratch<T> Rent() => pool.Rent(static () => new ConvScratch<T>());

    /// <summary>
    /// Scratch kept for reuse holds at most this many bytes; a larger one (a rare huge layer) is left to the GC. The
    /// largest kept in the books' networks is <see cref="WinogradConvolution"/>'s transformed filters of a 512 → 512
    /// layer, 16 × 1 MB in float32; allocated afresh each call, its pages cost more than the filter transform itself.
    /// (In float64 the same buffer is 34 MB and is left to the GC: float64 is the precise path, not the fast one.)
    /// </summary>
    private const long KeepBytes = 32 << 20;

    public static void Return(ConvScratch<T> scratch)
    {
        if ((long)scratch.buffer.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > KeepBytes) return;
        pool.Return(scratch);
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

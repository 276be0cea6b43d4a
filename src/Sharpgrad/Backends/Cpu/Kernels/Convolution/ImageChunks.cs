using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A batch cut into chunks of whole images: the unit of parallel work of the convolution kernels, and of the weight
/// gradient's reduction (one partial sum per chunk, added in chunk order). The maps and the weight gradient are cut
/// separately (<see cref="ForMaps"/>, <see cref="ForWeightGradient"/>): only the latter pays for partial sums. The cut depends on the problem alone, never
/// on the thread count, which is what keeps results bitwise identical for any <see cref="Threads.Count"/>.
/// </summary>
internal readonly record struct ImageChunks(int Batch, int ImagesPerChunk, int Count)
{
    /// <summary>
    /// Multiply-adds per chunk: enough to outweigh handing a chunk to a thread (a few microseconds), small enough that
    /// a batch of small images still splits into many chunks for the threads to share.
    /// </summary>
    private const long ChunkWork = 1L << 19;

    /// <summary>Elements of weight-gradient partial sums (one per chunk) allowed at once; caps the chunk count for large weights.</summary>
    private const long PartialElements = 1L << 22;

    /// <summary>
    /// A chunk does at least this many multiply-adds per element of its weight-gradient partial sum (for a
    /// convolution, output positions per chunk), since clearing and adding the partial sum costs two passes over it.
    /// At one image per chunk a ResNet-20 8×8 layer at batch 128 kept 113 partial sums of 147 KB each (docs/performance.md,
    /// "Convolution at larger channel counts").
    /// </summary>
    private const long WorkPerPartialElement = 512;

    /// <summary>
    /// The chunks of the forward and adjoint maps: each image's output is written by its own chunk, so there is no
    /// partial sum to amortise and chunks need only enough work to outweigh handing them to a thread.
    /// </summary>
    /// <param name="batch">images</param>
    /// <param name="work">multiply-adds per image</param>
    /// <param name="minImages">the fewest images per chunk (a kernel that multiplies several images at once asks for at least that many)</param>
    public static ImageChunks ForMaps(int batch, long work, int minImages = 1) => Cut(batch, work, ChunkWork, int.MaxValue, minImages);

    /// <summary>
    /// The chunks of the weight gradient, one partial sum each: also at least <see cref="WorkPerPartialElement"/>
    /// multiply-adds per partial-sum element, and at most <see cref="PartialElements"/> partial-sum elements in all.
    /// </summary>
    /// <param name="batch">images</param>
    /// <param name="work">multiply-adds per image</param>
    /// <param name="partial">elements of one weight-gradient partial sum</param>
    /// <param name="minImages">the fewest images per chunk</param>
    public static ImageChunks ForWeightGradient(int batch, long work, long partial, int minImages = 1)
        => Cut(batch, work, Math.Max(ChunkWork, WorkPerPartialElement * partial), 1 + PartialElements / Math.Max(1, partial), minImages);

    /// <summary>The batch in chunks of at least <paramref name="least"/> multiply-adds and <paramref name="minImages"/> images, at most <paramref name="maxChunks"/> chunks.</summary>
    private static ImageChunks Cut(int batch, long work, long least, long maxChunks, int minImages)
    {
        long perChunkWanted = Math.Max((Math.Max(least, 1) + work - 1) / Math.Max(1, work), minImages);
        int perChunk = (int)Math.Clamp(perChunkWanted, 1, Math.Max(1, batch));
        int chunks = (int)Math.Min((batch + perChunk - 1) / perChunk, maxChunks);
        if (chunks == 0) return new ImageChunks(batch, 0, 0);
        // The same number of chunks, evened out: 64 images in chunks of 9 become 8 chunks of 8.
        int per = (batch + chunks - 1) / chunks;
        return new ImageChunks(batch, per, (batch + per - 1) / per);
    }

    /// <summary>
    /// result[offset ..+ size) = the sum over chunks of what <paramref name="body"/> adds into a zeroed target for
    /// each (chunk, target, target offset), the chunks running on the threads and their sums added in chunk order.
    /// Chunk 0 sums straight into the result; each other chunk into its own partial sum.
    /// </summary>
    public void Sum<T>(T[] result, int offset, int size, Action<int, T[], int> body) where T : unmanaged, INumber<T>
    {
        result.AsSpan(offset, size).Clear();
        var scratch = ConvScratch<T>.Rent();
        var partials = scratch.Get((Math.Max(1, Count) - 1) * size);
        ParallelRange.ForChunks(Count, chunk =>
        {
            if (chunk == 0) body(0, result, offset);
            else
            {
                partials.AsSpan((chunk - 1) * size, size).Clear();
                body(chunk, partials, (chunk - 1) * size);
            }
        });
        var sum = result.AsSpan(offset, size);
        for (int chunk = 1; chunk < Count; chunk++) Im2Col.AddInto(sum, partials.AsSpan((chunk - 1) * size, size));
        ConvScratch<T>.Return(scratch);
    }

    /// <summary>The images [Begin, End) of chunk <paramref name="chunk"/>.</summary>
    public (int Begin, int End) Images(int chunk) => (chunk * ImagesPerChunk, Math.Min(Batch, (chunk + 1) * ImagesPerChunk));
}

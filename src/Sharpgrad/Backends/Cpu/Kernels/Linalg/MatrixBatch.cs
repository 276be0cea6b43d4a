namespace Sharpgrad.Kernels;

/// <summary>
/// A batch of row-major matrices stored one after another in a double array: the form every linear-algebra
/// kernel works on. Each matrix is independent, so the batch is spread over threads when there is enough work;
/// the results do not depend on the thread count.
/// </summary>
internal static class MatrixBatch
{
    /// <summary>Runs <paramref name="body"/> for each index in [0, count), in parallel when each item costs enough.</summary>
    public static void For(int count, long flopsPerItem, Action<int> body)
    {
        long grain = Math.Max(1, (1L << 16) / Math.Max(1, flopsPerItem));
        ParallelRange.For(count, grain, (begin, end) =>
        {
            for (long i = begin; i < end; i++) body((int)i);
        });
    }
}

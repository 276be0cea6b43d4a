namespace Sharpgrad.Kernels;

/// <summary>
/// Runs a body once per batch element, elements split across threads in contiguous ranges (at least one
/// <see cref="StridedLayout.ParallelGrain"/> of work per chunk). Each element is computed by one thread, so a body that
/// fixes its own order inside an element gives results independent of the thread count.
/// </summary>
internal static class BatchLoop
{
    /// <param name="workPerElement">about how many multiply-adds one element costs, to size the chunks</param>
    public static void For(int batch, long workPerElement, Action<int> body)
    {
        long grain = Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, 4L * workPerElement));
        ParallelRange.For(batch, grain, (begin, end) =>
        {
            for (int b = (int)begin; b < end; b++) body(b);
        });
    }
}

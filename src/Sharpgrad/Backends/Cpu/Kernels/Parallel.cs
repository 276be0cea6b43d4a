namespace Sharpgrad.Kernels;

/// <summary>
/// Splits a range of work into chunks of at least <c>grain</c> items and runs them on up to
/// <see cref="Threads.Count"/> threads (<see cref="WorkerPool"/>). Small ranges run inline, so tiny ops pay no scheduling cost.
/// </summary>
internal static class ParallelRange
{
    public static void For(long count, long grain, Action<long, long> body)
    {
        if (count <= 0) return;
        // A small range never forks, so it does not read the thread count (an AsyncLocal) at all: most ops are small.
        int threads = count <= grain ? 1 : ThreadCount.Effective;
        if (threads == 1)
        {
            body(0, count);
            return;
        }
        long chunks = Math.Min(threads, (count + grain - 1) / grain);
        long size = (count + chunks - 1) / chunks;
        WorkerPool.Shared.Run((int)chunks, threads, c =>
        {
            long begin = c * size;
            long end = Math.Min(count, begin + size);
            if (begin < end) body(begin, end);
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> for each fixed chunk index in [0, chunks). Chunk boundaries are decided by the
    /// caller from the problem size alone, which keeps reductions bitwise identical for any thread count.
    /// </summary>
    public static void ForChunks(int chunks, Action<int> body)
    {
        int threads = chunks == 1 ? 1 : ThreadCount.Effective;
        if (threads == 1)
        {
            for (int c = 0; c < chunks; c++) body(c);
            return;
        }
        WorkerPool.Shared.Run(chunks, threads, body);
    }
}

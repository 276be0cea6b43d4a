using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>The dedicated worker threads behind every parallel kernel.</summary>
public class WorkerPoolTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(129, 2)]
    [InlineData(33, 4)]
    public void EveryChunkRunsExactlyOnce(int chunks, int threads)
    {
        var runs = new int[chunks];
        WorkerPool.Shared.Run(chunks, threads, c => Interlocked.Increment(ref runs[c]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void AChunksExceptionReachesTheCallerAsItself()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            WorkerPool.Shared.Run(16, 2, c => { if (c == 11) throw new ArgumentException("chunk 11"); }));
        Assert.Equal("chunk 11", e.Message);
        // The pool is still usable afterwards.
        int sum = 0;
        WorkerPool.Shared.Run(16, 2, c => Interlocked.Add(ref sum, c));
        Assert.Equal(120, sum);
    }

    [Fact]
    public void NestedLoopsRunInlineWithoutDeadlock()
    {
        var cells = new int[8, 8];
        WorkerPool.Shared.Run(8, 2, i => WorkerPool.Shared.Run(8, 2, j => Interlocked.Increment(ref cells[i, j])));
        foreach (var cell in cells) Assert.Equal(1, cell);
    }

    [Fact]
    public void ConcurrentCallersAllFinish()
    {
        var totals = new long[6];
        Parallel.For(0, totals.Length, t =>
        {
            for (int rep = 0; rep < 50; rep++)
                WorkerPool.Shared.Run(10, 2, c => Interlocked.Add(ref totals[t], c + 1));
        });
        Assert.All(totals, total => Assert.Equal(50 * 55, total));
    }

    [Fact]
    public void EachThreadStartsWithItsOwnBlockOfChunks()
    {
        // A pool of its own, so no other test's job holds the shared one and runs this loop inline. Its worker is
        // created by this job and joins it however late its thread starts.
        var pool = new WorkerPool();
        int caller = Environment.CurrentManagedThreadId, workerFirst = -1;
        using var workerStarted = new ManualResetEventSlim();
        pool.Run(4, 2, c =>
        {
            if (Environment.CurrentManagedThreadId != caller && Interlocked.CompareExchange(ref workerFirst, c, -1) == -1) workerStarted.Set();
            // The caller holds its first chunk until the worker has taken one, so the worker cannot find block 0 untouched.
            if (c == 0) Assert.True(workerStarted.Wait(TimeSpan.FromSeconds(30)), "the worker never joined the loop");
        });
        // Blocks of 4 chunks on 2 threads: {0, 1} the caller's, {2, 3} worker 1's.
        Assert.Equal(2, workerFirst);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(5, 4)]
    [InlineData(2, 8)]
    [InlineData(1000, 2)]
    public void BlocksOfUnevenSizesRunEveryChunkOnceOnAPoolOfItsOwn(int chunks, int threads)
    {
        var pool = new WorkerPool();
        for (int repeat = 0; repeat < 20; repeat++)
        {
            var runs = new int[chunks];
            pool.Run(chunks, threads, c => Interlocked.Increment(ref runs[c]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void ANarrowerJobAfterAWideOneRunsEveryChunkOnce()
    {
        // Workers 2 and 3 of the wide jobs may still be awake when the 2-thread jobs come; they have no block there.
        var pool = new WorkerPool();
        for (int repeat = 0; repeat < 50; repeat++)
        {
            var wide = new int[16];
            pool.Run(16, 4, c => Interlocked.Increment(ref wide[c]));
            var narrow = new int[9];
            pool.Run(9, 2, c => Interlocked.Increment(ref narrow[c]));
            Assert.All(wide, r => Assert.Equal(1, r));
            Assert.All(narrow, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void AnExceptionInAChunkAnotherThreadTookReachesTheCaller()
    {
        var pool = new WorkerPool();
        int caller = Environment.CurrentManagedThreadId;
        using var workerStarted = new ManualResetEventSlim();
        var e = Assert.Throws<InvalidOperationException>(() => pool.Run(4, 2, c =>
        {
            if (Environment.CurrentManagedThreadId != caller)
            {
                workerStarted.Set();
                throw new InvalidOperationException($"chunk {c}");
            }
            if (c == 0) workerStarted.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.StartsWith("chunk ", e.Message);
        int sum = 0;
        pool.Run(8, 2, c => Interlocked.Add(ref sum, c));
        Assert.Equal(28, sum);
    }
}

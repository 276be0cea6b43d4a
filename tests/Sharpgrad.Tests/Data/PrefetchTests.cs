using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>DataLoader's background prefetching: same batches, exceptions delivered in place, no threads left behind.</summary>
public class PrefetchTests
{
    /// <summary>A dataset that records which thread assembles each batch, can fail at a given batch, and can be slow.</summary>
    private sealed class Instrumented(int count, int failAtBatch = -1, int delayMs = 0) : Dataset
    {
        private readonly TensorDataset inner = DatasetTests.Numbered(count);
        private int batches;

        public List<Thread> Threads { get; } = [];

        public int BatchesAssembled => Volatile.Read(ref batches);

        public override int Count => inner.Count;

        protected override (Tensor Input, Tensor Target) GetItem(int index) => inner[index];

        public override (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
        {
            lock (Threads) Threads.Add(Thread.CurrentThread);
            int b = Interlocked.Increment(ref batches) - 1;
            if (delayMs > 0) Thread.Sleep(delayMs);
            if (b == failAtBatch) throw new InvalidOperationException($"batch {b} cannot be read");
            return inner.GetBatch(indices);
        }
    }

    private static List<(double[] X, long[] Y)> Epoch(DataLoader loader)
        => loader.Select(batch => (batch.Input.ToDoubleArray(), batch.Target.ToArray<long>())).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PrefetchedBatchesEqualThoseWithoutPrefetch(int prefetch)
    {
        // Augmentation draws from the dataset's generator in request order, so it must come out the same too.
        var images = new TensorDataset(TransformTests.Images(37, 1, 4, 4), Tensor.Arange(37));
        var augment = new Compose(new RandomCrop(4, padding: 1), new RandomHorizontalFlip(), new GaussianNoise(0.05));
        var plain = new DataLoader(new TransformedDataset(images, augment, seed: 3), batchSize: 5, shuffle: true, seed: 8);
        var ahead = new DataLoader(new TransformedDataset(images, augment, seed: 3), batchSize: 5, shuffle: true, seed: 8, prefetch: prefetch);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var expected = Epoch(plain);
            var actual = Epoch(ahead);
            Assert.Equal(8, actual.Count);
            Assert.Equal(expected.Select(b => b.Y), actual.Select(b => b.Y));
            Assert.Equal(expected.Select(b => b.X), actual.Select(b => b.X));
        }
    }

    [Fact]
    public void BatchesAreAssembledOnABackgroundThread()
    {
        var data = new Instrumented(10);
        Assert.Equal(5, Epoch(new DataLoader(data, batchSize: 2, prefetch: 2)).Count);
        Assert.All(data.Threads, t => Assert.NotEqual(Environment.CurrentManagedThreadId, t.ManagedThreadId));
        Assert.All(data.Threads, t => Assert.False(t.IsAlive));
    }

    [Fact]
    public void AnExceptionArrivesWhereItsBatchWouldHave()
    {
        var loader = new DataLoader(new Instrumented(10, failAtBatch: 2), batchSize: 2, prefetch: 2);
        var received = new List<long[]>();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (_, y) in loader) received.Add(y.ToArray<long>());
        });
        Assert.Equal("batch 2 cannot be read", e.Message); // the original exception, not a wrapper
        Assert.Equal([[0L, 1], [2L, 3]], received); // the batches before it arrived first
        Assert.Contains(nameof(Instrumented.GetBatch), e.StackTrace); // with the background thread's stack
    }

    [Fact]
    public void LeavingTheLoopEarlyStopsTheBackgroundThread()
    {
        var data = new Instrumented(100);
        foreach (var (_, y) in new DataLoader(data, batchSize: 2, prefetch: 3))
            if (y.ToArray<long>()[0] == 4) break;
        Thread worker;
        lock (data.Threads) worker = data.Threads[0];
        Assert.False(worker.IsAlive);
        // It stopped after at most the 3 prefetched batches (and one in progress) beyond the 3 consumed.
        Assert.InRange(data.BatchesAssembled, 3, 3 + 3 + 1);
    }

    [Fact]
    public void ThePrefetcherRunsAtMostPrefetchBatchesAhead()
    {
        var data = new Instrumented(40, delayMs: 1);
        int consumed = 0;
        foreach (var _ in new DataLoader(data, batchSize: 2, prefetch: 2))
        {
            consumed++;
            Thread.Sleep(5); // a slow training step: the producer fills the queue and waits
            Assert.InRange(data.BatchesAssembled, consumed, consumed + 2 + 1);
        }
        Assert.Equal(20, consumed);
    }

    [Fact]
    public void PrefetchMustBeNonNegative()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(DatasetTests.Numbered(3), batchSize: 1, prefetch: -1));
        Assert.Contains("DataLoader: prefetch must be 0 (off) or a positive number of batches, got -1", e.Message);
        Assert.Equal(0, new DataLoader(DatasetTests.Numbered(3), batchSize: 1).Prefetch);
    }
}

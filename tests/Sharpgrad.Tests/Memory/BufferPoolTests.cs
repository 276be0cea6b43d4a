namespace Sharpgrad.Tests.Memory;

/// <summary>The pool of recycled arrays behind every tensor allocation.</summary>
public class BufferPoolTests
{
    [Fact]
    public void ReturnedArrayIsRentedAgainForTheSameLength()
    {
        var pool = new BufferPool(1 << 20);
        var first = pool.Rent<float>(2048);
        pool.Return(first);
        Assert.Equal(2048 * 4, pool.PooledBytes);
        Assert.Same(first, pool.Rent<float>(2048));
        Assert.Equal(0, pool.PooledBytes);
    }

    [Fact]
    public void LengthsAndElementTypesAreKeptApart()
    {
        var pool = new BufferPool(1 << 20);
        var floats = pool.Rent<float>(2048);
        pool.Return(floats);
        Assert.NotSame(floats, pool.Rent<float>(2049));
        Assert.Equal(2048, pool.Rent<double>(2048).Length);
        Assert.Same(floats, pool.Rent<float>(2048));
    }

    [Fact]
    public void SmallArraysAreLeftToTheGarbageCollector()
    {
        var pool = new BufferPool(1 << 20);
        var small = pool.Rent<float>(BufferPool.MinimumBytes / 4 - 1);
        pool.Return(small);
        Assert.Equal(0, pool.PooledBytes);
        Assert.NotSame(small, pool.Rent<float>(small.Length));
    }

    [Fact]
    public void CapacityEvictsTheLeastRecentlyUsedLength()
    {
        var pool = new BufferPool(3 * 8192);
        var a = pool.Rent<float>(2048);
        var b = pool.Rent<float>(2048);
        var c = pool.Rent<double>(1024);
        var d = pool.Rent<double>(1024);
        pool.Return(a);
        pool.Return(b);
        pool.Return(c);
        pool.Return(d);                                   // 4 × 8 KB > 24 KB: the oldest length (float 2048) loses one
        Assert.Equal(3 * 8192, pool.PooledBytes);
        Assert.Same(d, pool.Rent<double>(1024));
        Assert.Same(c, pool.Rent<double>(1024));
        Assert.Same(a, pool.Rent<float>(2048));              // b was the one evicted
        Assert.Equal(0, pool.PooledBytes);
    }

    [Fact]
    public void ClearDropsEverything()
    {
        var pool = new BufferPool(1 << 20);
        pool.Return(pool.Rent<long>(1024));
        pool.Clear();
        Assert.Equal(0, pool.PooledBytes);
    }
}

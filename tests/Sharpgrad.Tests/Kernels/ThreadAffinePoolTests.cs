using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>The work-buffer pool that gives each thread back the buffers it returned.</summary>
public class ThreadAffinePoolTests
{
    private sealed class Buffer;

    /// <summary>Runs <paramref name="action"/> on a fresh thread and waits for it (a thread of its own: no thread-pool reuse).</summary>
    private static T OnOtherThread<T>(Func<T> action)
    {
        T result = default!;
        var thread = new Thread(() => result = action());
        thread.Start();
        thread.Join();
        return result;
    }

    [Fact]
    public void AThreadGetsBackWhatItReturnedLastFirst()
    {
        var pool = new ThreadAffinePool<Buffer>(perThread: 2, sharedLimit: 4);
        var first = pool.Rent(() => new Buffer());
        var second = pool.Rent(() => new Buffer());
        Assert.NotSame(first, second);
        pool.Return(first);
        pool.Return(second);
        Assert.Same(second, pool.Rent(() => new Buffer()));
        Assert.Same(first, pool.Rent(() => new Buffer()));
    }

    [Fact]
    public void AnotherThreadDoesNotTakeAThreadsOwnBuffers()
    {
        var pool = new ThreadAffinePool<Buffer>(perThread: 1, sharedLimit: 4);
        var mine = pool.Rent(() => new Buffer());
        pool.Return(mine);
        var theirs = OnOtherThread(() => pool.Rent(() => new Buffer()));
        Assert.NotSame(mine, theirs);
        Assert.Same(mine, pool.Rent(() => new Buffer()));
    }

    [Fact]
    public void ReturnsPastAThreadsShareGoToTheOtherThreads()
    {
        var pool = new ThreadAffinePool<Buffer>(perThread: 1, sharedLimit: 4);
        var kept = pool.Rent(() => new Buffer());
        var extra = pool.Rent(() => new Buffer());
        pool.Return(kept);
        pool.Return(extra);   // this thread already keeps one: shared
        Assert.Same(extra, OnOtherThread(() => pool.Rent(() => new Buffer())));
        Assert.Same(kept, pool.Rent(() => new Buffer()));
    }

    [Fact]
    public void TheSharedStackHoldsAtMostItsLimit()
    {
        var pool = new ThreadAffinePool<Buffer>(perThread: 0, sharedLimit: 1);
        var a = pool.Rent(() => new Buffer());
        var b = pool.Rent(() => new Buffer());
        pool.Return(a);
        pool.Return(b);   // past the limit: dropped
        Assert.Same(a, pool.Rent(() => new Buffer()));
        var created = new Buffer();
        Assert.Same(created, pool.Rent(() => created));
    }

    [Fact]
    public void TwoPoolsOfOneItemTypeKeepTheirBuffersApart()
    {
        var left = new ThreadAffinePool<Buffer>(perThread: 2, sharedLimit: 2);
        var right = new ThreadAffinePool<Buffer>(perThread: 2, sharedLimit: 2);
        var fromLeft = left.Rent(() => new Buffer());
        left.Return(fromLeft);
        var created = new Buffer();
        Assert.Same(created, right.Rent(() => created));
        Assert.Same(fromLeft, left.Rent(() => new Buffer()));
    }

    [Fact]
    public void AnItemReturnedOnAnotherThreadBelongsToThatThread()
    {
        var pool = new ThreadAffinePool<Buffer>(perThread: 1, sharedLimit: 4);
        var item = pool.Rent(() => new Buffer());
        var backOnTheirs = OnOtherThread(() =>
        {
            pool.Return(item);
            return pool.Rent(() => new Buffer());
        });
        Assert.Same(item, backOnTheirs);
        var created = new Buffer();
        Assert.Same(created, pool.Rent(() => created));
    }

    [Fact]
    public void TheConvolutionScratchAndTheGemmWorkspaceComeBackToTheirThread()
    {
        // Fresh threads: other tests running at the same time use these pools too, but never a fresh thread's own items.
        Assert.True(OnOtherThread(() =>
        {
            var scratch = ConvScratch<float>.Rent();
            ConvScratch<float>.Return(scratch);
            var workspace = GemmWorkspace<float>.Rent();
            GemmWorkspace<float>.Return(workspace);
            return ReferenceEquals(scratch, ConvScratch<float>.Rent()) && ReferenceEquals(workspace, GemmWorkspace<float>.Rent());
        }));
    }
}

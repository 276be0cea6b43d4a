using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary><see cref="Threads.Use"/>: a thread count that belongs to the calling flow, not to the process.</summary>
public class ThreadScopeTests
{
    [Fact]
    public void AScopeSetsTheCountAndDisposingItRestoresTheOuterOne()
    {
        int outside = Threads.Count;
        using (Threads.Use(3))
        {
            Assert.Equal(3, Threads.Count);
            using (Threads.Use(1)) Assert.Equal(1, Threads.Count);
            Assert.Equal(3, Threads.Count);
        }
        Assert.Equal(outside, Threads.Count);
    }

    [Fact]
    public async Task ScopesOnDifferentThreadsDoNotSeeEachOther()
    {
        using var bothInside = new Barrier(2);
        int Observe(int count)
        {
            using (Threads.Use(count))
            {
                bothInside.SignalAndWait();   // both scopes are open at once
                int seen = Threads.Count;
                bothInside.SignalAndWait();
                return seen;
            }
        }
        var a = Task.Factory.StartNew(() => Observe(2), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Observe(5), TaskCreationOptions.LongRunning);
        Assert.Equal(2, await a);
        Assert.Equal(5, await b);
    }

    [Fact]
    public void PoolWorkersSeeTheCountOfTheCodeThatStartedTheLoop()
    {
        // Workers created inside the first scope must not keep its count: the second loop asks for 3.
        int[] Seen(int threads)
        {
            using (Threads.Use(threads))
            {
                var seen = new int[64];
                ParallelRange.ForChunks(seen.Length, c =>
                {
                    Thread.SpinWait(2000);   // long enough that workers take some chunks
                    seen[c] = Threads.Count;
                });
                return seen;
            }
        }
        Assert.All(Seen(2), n => Assert.Equal(2, n));
        Assert.All(Seen(3), n => Assert.Equal(3, n));
    }
}

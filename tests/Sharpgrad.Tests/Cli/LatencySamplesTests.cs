using Sharpgrad.Cli.Bench.Workloads;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// The latency statistics of the inference benchmark (issue #21), by hand: the median is the middle sample, or the mean
/// of the two middle ones; the p-th percentile is the nearest rank, sorted[⌈p·n/100⌉ − 1], as
/// bench/pytorch_round2.py computes them.
/// </summary>
public class LatencySamplesTests
{
    [Fact]
    public void MedianOfAnOddAndAnEvenCount()
    {
        Assert.Equal(3.0, new LatencySamples([5.0, 1.0, 3.0, 4.0, 2.0], 0).Median);
        Assert.Equal(2.5, new LatencySamples([4.0, 1.0, 3.0, 2.0], 0).Median);
    }

    [Fact]
    public void P99IsTheNearestRank()
    {
        // 1…200 ms: ⌈0.99·200⌉ = 198 → the 198th smallest, 198 ms; ⌈0.5·200⌉ = 100 → 100 ms.
        var samples = new LatencySamples(Enumerable.Range(1, 200).Select(i => (double)(201 - i)).ToArray(), 0);
        Assert.Equal(198.0, samples.Percentile(99));
        Assert.Equal(100.0, samples.Percentile(50));
        // Fewer than 100 samples: ⌈0.99·5⌉ = 5, the slowest.
        Assert.Equal(9.0, new LatencySamples([1.0, 9.0, 2.0, 3.0, 4.0], 0).Percentile(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => samples.Percentile(0));
    }

    [Fact]
    public void CpuTimeIsPerCallAndCollectHonoursItsCallLimits()
    {
        Assert.Equal(2.5, new LatencySamples([1.0, 1.0, 1.0, 1.0], cpuMilliseconds: 10).CpuMillisecondsPerCall);
        int calls = 0;
        var samples = LatencySamples.Collect(() => calls++, warmUpCalls: 3, budgetSeconds: 0, minCalls: 7, maxCalls: 7);
        Assert.Equal(7, samples.Count);
        Assert.Equal(10, calls);
        var e = Assert.Throws<ArgumentException>(() => new LatencySamples([], 0));
        Assert.Contains("LatencySamples", e.Message);
    }
}

using System.Diagnostics;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// Per-call wall-clock times of a repeated operation and the process's CPU time over all of them, with the
/// statistics bench/pytorch_round2.py computes the same way: the median (the mean of the two middle values for an
/// even count, as Python's <c>statistics.median</c>) and the p-th percentile by nearest rank (the smallest sample
/// with at least p% of the samples at or below it), so a p99 of fewer than 100 samples is the slowest call.
/// </summary>
public sealed class LatencySamples
{
    private readonly double[] sorted;

    public LatencySamples(IReadOnlyList<double> milliseconds, double cpuMilliseconds)
    {
        if (milliseconds.Count == 0) throw new ArgumentException("LatencySamples: at least one timed call is needed.", nameof(milliseconds));
        sorted = milliseconds.Order().ToArray();
        CpuMillisecondsPerCall = cpuMilliseconds / milliseconds.Count;
    }

    public int Count => sorted.Length;

    /// <summary>The process's CPU time (all threads) per call: the work done, whatever share of a core the load left.</summary>
    public double CpuMillisecondsPerCall { get; }

    public double Median => sorted.Length % 2 == 1
        ? sorted[sorted.Length / 2]
        : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    public double Mean => sorted.Average();

    /// <summary>The nearest-rank percentile: sorted[⌈p·n/100⌉ − 1].</summary>
    public double Percentile(double p)
    {
        if (!(p > 0 && p <= 100)) throw new ArgumentOutOfRangeException(nameof(p), p, "LatencySamples.Percentile: p must lie in (0, 100].");
        return sorted[(int)Math.Ceiling(p * sorted.Length / 100) - 1];
    }

    /// <summary>
    /// Calls <paramref name="operation"/> <paramref name="warmUpCalls"/> times untimed, then times calls one by one
    /// until <paramref name="budgetSeconds"/> have passed and at least <paramref name="minCalls"/> were made (at most
    /// <paramref name="maxCalls"/>): the rule of bench/pytorch_round2.py's <c>sample</c>.
    /// </summary>
    public static LatencySamples Collect(Action operation, int warmUpCalls, double budgetSeconds, int minCalls, int maxCalls)
    {
        for (int i = 0; i < warmUpCalls; i++) operation();
        var times = new List<double>();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        while (times.Count < maxCalls && (times.Count < minCalls || Stopwatch.GetElapsedTime(start).TotalSeconds < budgetSeconds))
        {
            long call = Stopwatch.GetTimestamp();
            operation();
            times.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
        }
        process.Refresh();
        return new LatencySamples(times, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}

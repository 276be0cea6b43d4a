using System.Diagnostics;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// Times a training step as the reference script does: warm-up (the options' JIT warm-up, then
/// <paramref name="warmUpSteps"/> untimed steps), then <paramref name="timedSteps"/> timed ones, and writes the mean
/// milliseconds per step under <paramref name="name"/> with the GC cost per step. The value is per step, so the GC pause
/// is reported per step too (compare.sh divides the pause by the value to give the GC's share of the time).
/// </summary>
internal static class TrainingStepTimer
{
    public static void WriteMean(BenchReport report, BenchOptions options, string name, Action step, int warmUpSteps, int timedSteps)
    {
        options.WarmUp(step);
        for (int i = 0; i < warmUpSteps; i++) step();
        var gc = GcCost.Start();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < timedSteps; i++) step();
        report.Write(name, Stopwatch.GetElapsedTime(start).TotalMilliseconds / timedSteps, "ms", PerStep(gc.Stop(timedSteps), timedSteps));
    }

    /// <summary>As <see cref="WriteMean"/>, but the median of the timed steps (robust to a GC pause in a short run).</summary>
    public static void WriteMedian(BenchReport report, BenchOptions options, string name, Action step, int warmUpSteps, int timedSteps)
    {
        options.WarmUp(step);
        for (int i = 0; i < warmUpSteps; i++) step();
        var times = new double[timedSteps];
        var gc = GcCost.Start();
        for (int i = 0; i < timedSteps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        report.Write(name, times.Order().ElementAt(timedSteps / 2), "ms", PerStep(gc.Stop(timedSteps), timedSteps));
    }

    private static GcCost PerStep(GcCost total, int steps) => total with { PauseMilliseconds = total.PauseMilliseconds / steps };
}

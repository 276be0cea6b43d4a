using System.Diagnostics;

namespace Sharpgrad.Cli.Bench.Workloads.Sklearn;

/// <summary>
/// The scikit-learn comparisons (issue #21) time one whole fit, as bench/sklearn_reference_models.py does: each takes
/// seconds, so the JIT's first-call cost is a small share, and a second run would double a long benchmark.
/// </summary>
internal static class SklearnTiming
{
    /// <summary>
    /// Runs <paramref name="fit"/> once after the options' JIT warm-up; writes its wall time under <paramref name="name"/>
    /// and the process's CPU time (all threads, as Python's time.process_time) under <c>{name}_cpu</c>, in seconds. On a
    /// shared, overloaded machine the wall time mostly measures the load; the CPU time is the steadier figure.
    /// </summary>
    public static T Time<T>(BenchReport report, BenchOptions options, string name, Func<T> fit)
    {
        options.WarmUp(() => fit());
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var gc = GcCost.Start();
        long start = Stopwatch.GetTimestamp();
        var result = fit();
        report.Write(name, Stopwatch.GetElapsedTime(start).TotalSeconds, "s", gc.Stop(1));
        process.Refresh();
        report.Write(name + "_cpu", (process.TotalProcessorTime - cpu).TotalSeconds, "s");
        return result;
    }

    /// <summary>The digits as scikit-learn's load_digits gives them, divided by 16 (Sharpgrad's scale), in float64.</summary>
    public static (Tensor X, Tensor Y) Digits()
    {
        var digits = Data.Datasets.Digits();
        return (digits.Inputs.Double(), digits.Targets);
    }
}

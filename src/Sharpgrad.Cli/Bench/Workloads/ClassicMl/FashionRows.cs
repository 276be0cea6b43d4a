using Sharpgrad.Data;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// Fashion-MNIST as the classic-ML workloads and bench/sklearn_reference.py see it: float64 rows of 784 pixels in
/// [0, 1] and int64 labels.
/// </summary>
internal static class FashionRows
{
    public static (Tensor X, Tensor Y) Load(BenchOptions options, bool train)
    {
        var data = Datasets.FashionMnist(options.DataDirectory, train);
        return (data.Inputs.Reshape(data.Count, -1).Double().Contiguous(), data.Targets);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> once and reports <c>{name}</c>, its wall-clock seconds, and <c>{name}_cpu</c>,
    /// the CPU seconds of the whole process meanwhile (on a loaded machine the wall clock swings with other jobs;
    /// CPU time measures the work), as the reference's <c>timed</c>. Also <c>{name}_jit_s</c> and
    /// <c>{name}_jit_methods</c>, the JIT's compilation time and the methods it compiled meanwhile: the share of a cold
    /// (no warm-up) run's time that is .NET's first-call compilation rather than the estimator.
    /// </summary>
    public static T Timed<T>(BenchReport report, string name, Func<T> operation)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var (jitTime, jitMethods) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = operation();
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        report.Write(name, seconds, "s");
        report.Write($"{name}_cpu", (process.TotalProcessorTime - cpu).TotalSeconds, "s");
        report.Write($"{name}_jit_s", (System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalSeconds, "s");
        report.Write($"{name}_jit_methods", System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods, "methods");
        return result;
    }
}

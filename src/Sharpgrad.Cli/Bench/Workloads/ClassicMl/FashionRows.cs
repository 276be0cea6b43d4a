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
    /// CPU time measures the work), as the reference's <c>timed</c>.
    /// </summary>
    public static T Timed<T>(BenchReport report, string name, Func<T> operation)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = operation();
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        report.Write(name, seconds, "s");
        report.Write($"{name}_cpu", (process.TotalProcessorTime - cpu).TotalSeconds, "s");
        return result;
    }
}

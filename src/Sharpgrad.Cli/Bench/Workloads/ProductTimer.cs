using System.Diagnostics;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// Times a matrix product as the reference does (<c>x @ y</c>, a new output each call): the options' JIT warm-up, 3
/// untimed calls, then max(5, 3·10⁹ / flops) timed calls, about 3 GFLOP in all. Gives GFLOP/s of wall-clock time,
/// GFLOP per CPU-second of the process (all threads: the work, whatever share of a core the load left), and the GC's
/// cost per call.
/// </summary>
internal static class ProductTimer
{
    public readonly record struct Rate(double Gflops, double GflopsPerCpuSecond, GcCost Gc);

    public static Rate Measure(Func<Tensor> product, double flops, BenchOptions options)
    {
        options.WarmUp(() => product());
        for (int i = 0; i < 3; i++) product();
        int reps = Math.Max(5, (int)(3e9 / flops));
        // Nested so that each window holds only the work: the GC probe (whose fault counter reads /proc) outside, then
        // the CPU time, which getrusage gives without allocating (Process.TotalProcessorTime parses /proc into strings,
        // which would count as the products' allocations), then the wall clock.
        var gc = GcCost.Start();
        var cpu = Environment.CpuUsage.TotalTime;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < reps; i++) product();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var cost = gc.Stop(reps);
        return new Rate(flops * reps / seconds / 1e9, flops * reps / Math.Max(cpuSeconds, 1e-9) / 1e9, cost);
    }

    /// <summary>Two seeded standard-normal operands, as <c>torch.manual_seed(0); torch.randn(a); torch.randn(b)</c> in spirit.</summary>
    public static (Tensor X, Tensor Y) Operands(int[] xShape, int[] yShape)
    {
        var generator = new Generator(0);
        return (Tensor.Randn(xShape, DType.Float32, generator), Tensor.Randn(yShape, DType.Float32, generator));
    }

    /// <summary>Writes <c>{name}</c> (GFLOP/s) with its GC cost, and <c>{name}_cpu</c> (GFLOP per CPU-second).</summary>
    public static void Write(BenchReport report, string name, Rate rate)
    {
        report.Write(name, rate.Gflops, "GFLOP/s", rate.Gc);
        report.Write($"{name}_cpu", rate.GflopsPerCpuSecond, "GFLOP/s");
    }
}

using Sharpgrad.Backends.Cpu;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// machine_peak (issue #21): <c>fma_peak</c>, the GFLOP/s of the GEMM's micro-kernel alone on packed data in L1 on one
/// core (<see cref="CpuPeak"/>; the reference has no counterpart), times the thread count under test (this assumes each thread has a physical core with its own FMA units; under
/// SMT two threads share one core's units and the figure overstates the peak), and the large products it bounds, <c>peak_sgemm_1024</c>, <c>peak_sgemm_1536</c>, <c>peak_sgemm_2048</c> (the sgemm group's products under names of their own, so that a full run reports each once)
/// (GFLOP/s and <c>…_cpu</c>, GFLOP per CPU-second; <c>fma_peak_cpu</c> is the one-core peak per CPU-second likewise, at any thread count), which the reference times too: bench/compare_round2.sh prints both sides' sgemm as a
/// fraction of <c>fma_peak</c>.
/// </summary>
public sealed class MachinePeakWorkload : IWorkload
{
    public static readonly int[] Sizes = [1024, 1536, 2048];

    public string Name => "machine_peak";

    public void Run(BenchReport report, BenchOptions options)
    {
        // The same timing in CPU time (fma_peak_cpu): on a loaded machine the probe gets a share of a core, as sgemm does.
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        double peak = CpuPeak.MicroKernelGflops(seconds: 1);
        double wall = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        report.Write("fma_peak", options.Threads * peak, "GFLOP/s");
        // Per CPU-second, a rate of one core, whatever the thread count: the denominator for the sgemm's GFLOP per
        // CPU-second, which sums the work of all its threads over all their CPU time. An approximation: the share of a
        // core the process got (wall/CPU) is taken over the whole probe, its warm-up included, not the timed loop alone.
        report.Write("fma_peak_cpu", peak * wall / (process.TotalProcessorTime - cpu).TotalSeconds, "GFLOP/s");
        foreach (int n in Sizes)
            ProductTimer.Write(report, $"peak_sgemm_{n}", SgemmWorkload.Measure(n, options));
    }
}

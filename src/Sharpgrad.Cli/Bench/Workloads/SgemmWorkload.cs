using System.Diagnostics;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// sgemm_N: GFLOP/s of an N×N float32 MatMul (a new output each call, as <c>x @ y</c> in the reference), after 3 warm-up
/// calls, averaged over max(5, 3e9 / 2N³) calls: about 3 GFLOP per size (tens of milliseconds at full speed).
/// </summary>
public sealed class SgemmWorkload : IWorkload
{
    public static readonly int[] Sizes = [128, 256, 512, 1024, 2048];

    public string Name => "sgemm";

    public void Run(BenchReport report, BenchOptions options)
    {
        foreach (int n in Sizes)
        {
            var generator = new Generator(0);  // torch.manual_seed(0) in the reference
            var x = Tensor.Randn([n, n], DType.Float32, generator);
            var y = Tensor.Randn([n, n], DType.Float32, generator);
            options.WarmUp(() => x.MatMul(y));
            for (int i = 0; i < 3; i++) x.MatMul(y);
            int reps = Math.Max(5, (int)(3e9 / (2.0 * n * n * n)));
            var gc = GcCost.Start();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) x.MatMul(y);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            report.Write($"sgemm_{n}", 2.0 * n * n * n / (seconds / reps) / 1e9, "GFLOP/s", gc.Stop(reps));
        }
    }
}

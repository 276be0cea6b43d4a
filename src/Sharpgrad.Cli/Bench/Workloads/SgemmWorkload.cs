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
            var rate = Measure(n, options);
            report.Write($"sgemm_{n}", rate.Gflops, "GFLOP/s", rate.Gc);
        }
    }

    /// <summary>One N×N product's rate (torch.manual_seed(0) before the operands in the reference).</summary>
    internal static ProductTimer.Rate Measure(int n, BenchOptions options)
    {
        var (x, y) = ProductTimer.Operands([n, n], [n, n]);
        return ProductTimer.Measure(() => x.MatMul(y), 2.0 * n * n * n, options);
    }
}

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// small_gemm (issue #21): the products where per-call overhead, not the FMA units, sets the pace. <c>sgemm_32</c> and
/// <c>sgemm_64</c> (N×N float32 MatMul), and <c>bmm_attention_scores</c>, the batched Q·Kᵀ of an attention layer with
/// B 32, 4 heads, T 64, d 32: [B·heads, T, d] × [B·heads, d, T] (K already transposed, as <c>torch.bmm</c> takes it).
/// Each writes GFLOP/s and <c>…_cpu</c>, GFLOP per CPU-second, timed by <see cref="ProductTimer"/>.
/// </summary>
public sealed class SmallGemmWorkload : IWorkload
{
    public static readonly int[] Sizes = [32, 64];

    public const int Batch = 32, Heads = 4, Steps = 64, HeadWidth = 32;

    public string Name => "small_gemm";

    public void Run(BenchReport report, BenchOptions options)
    {
        foreach (int n in Sizes)
            ProductTimer.Write(report, $"sgemm_{n}", SgemmWorkload.Measure(n, options));

        var (q, k) = ProductTimer.Operands([Batch * Heads, Steps, HeadWidth], [Batch * Heads, HeadWidth, Steps]);
        double flops = 2.0 * Batch * Heads * Steps * Steps * HeadWidth;
        ProductTimer.Write(report, "bmm_attention_scores", ProductTimer.Measure(() => q.MatMul(k), flops, options));
    }
}

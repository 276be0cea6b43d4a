using System.Diagnostics;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// op_overhead_add10_grad: µs per <c>x + y</c> on 10-element float32 tensors where x requires grad, so each op also
/// records an autograd node. 1000 warm-up ops, then 100 000 timed, as in the reference. This is the fixed cost every
/// op pays, which dominates small models.
/// </summary>
public sealed class OpOverheadWorkload : IWorkload
{
    private const int Ops = 100_000;

    public string Name => "op_overhead";

    public void Run(BenchReport report, BenchOptions options)
    {
        var generator = new Generator(0);
        var x = Tensor.Randn([10], DType.Float32, generator).RequireGrad();
        var y = Tensor.Randn([10], DType.Float32, generator);
        options.WarmUp(() => _ = x + y);
        for (int i = 0; i < 1000; i++) _ = x + y;
        var gc = GcCost.Start();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Ops; i++) _ = x + y;
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        report.Write("op_overhead_add10_grad", seconds / Ops * 1e6, "us/op", gc.Stop(Ops));
    }
}

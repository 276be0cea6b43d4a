using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// inference (issue #21): the forward pass of the MLP, LeNet-5 and ResNet-18 (3×224×224, 1000 classes) in eval mode
/// under <see cref="Autograd.NoGrad"/>, at batch 1 and 64, on a fixed random input; the reference runs the same
/// networks under <c>torch.no_grad()</c> after <c>eval()</c>. For each, <c>{model}_infer_b{batch}</c> writes the median
/// latency (ms), <c>…_p99</c> (ms, nearest rank), <c>…_throughput</c> (images/s from the mean latency) and
/// <c>…_cpu</c> (process CPU ms per call). Each case is sampled for about two seconds (at least 3 calls) after two warm-up calls
/// (<see cref="LatencySamples.Collect"/>).
/// </summary>
public sealed class InferenceWorkload : IWorkload
{
    private sealed record Case(string Model, Func<Generator, Module<Tensor, Tensor>> Build, int[] ImageShape);

    private static readonly Case[] Cases =
    [
        new("mlp", g => ModelZoo.Mlp(784, [256, 128], 10, g), [784]),
        new("lenet5", g => ModelZoo.LeNet5(generator: g), [1, 28, 28]),
        new("resnet18", g => ModelZoo.ResNet18(generator: g), [3, 224, 224]),
    ];

    public static readonly int[] Batches = [1, 64];

    public string Name => "inference";

    public void Run(BenchReport report, BenchOptions options)
    {
        foreach (var c in Cases)
        {
            var net = c.Build(new Generator(0));
            net.Eval();
            foreach (int batch in Batches)
            {
                var x = Tensor.Randn([batch, .. c.ImageShape], DType.Float32, new Generator(1));
                LatencySamples samples;
                using (Autograd.NoGrad())
                {
                    // --warmup-seconds: let tiered compilation replace the first, unoptimised code before timing, so
                    // the samples are the steady-state latency (bench/compare_round2.sh asks for it; see its comment).
                    options.WarmUp(() => net.Forward(x));
                    samples = LatencySamples.Collect(() => net.Forward(x), warmUpCalls: 2, budgetSeconds: 2, minCalls: 3, maxCalls: 5000);
                }
                string name = $"{c.Model}_infer_b{batch}";
                report.Write(name, samples.Median, "ms");
                report.Write($"{name}_p99", samples.Percentile(99), "ms");
                report.Write($"{name}_throughput", batch / (samples.Mean / 1000), "images/s");
                report.Write($"{name}_cpu", samples.CpuMillisecondsPerCall, "ms");
            }
        }
    }
}

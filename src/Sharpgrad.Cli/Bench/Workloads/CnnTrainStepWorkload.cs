using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// cnn_train (issue #21): one SGD training step (forward, cross-entropy, zero-grad, backward, step; lr 0.01,
/// momentum 0.9) of two networks whose 16–512 channels exercise the convolution's im2col + GEMM path more than
/// LeNet-5 does, on a fixed random batch with random labels:
/// <c>resnet20_step</c>, the CIFAR ResNet-20 of He et al. (2016, §4.2; option A shortcuts) at batch 128 × 3×32×32,
/// and <c>vgg11_step</c>, VGG-11 (configuration A) at batch 32 × 3×64×64 with a CIFAR-sized classifier
/// (global average pooling, 512-512-10, dropout 0.5). Writes the median step time (ms) after 2 warm-up steps and
/// <c>…_cpu</c>, the process CPU ms per step.
/// </summary>
public sealed class CnnTrainStepWorkload : IWorkload
{
    private sealed record Case(string Name, Func<Generator, Module<Tensor, Tensor>> Build, int[] InputShape, int Steps);

    private static readonly Case[] Cases =
    [
        new("resnet20_step", g => ModelZoo.ResNet20(generator: g), [128, 3, 32, 32], 8),
        new("vgg11_step", g => ModelZoo.Vgg("A", classes: 10, hidden: 512, pooledSize: 1, generator: g), [32, 3, 64, 64], 5),
    ];

    public string Name => "cnn_train";

    public void Run(BenchReport report, BenchOptions options)
    {
        foreach (var c in Cases)
        {
            var net = c.Build(new Generator(0));
            net.Train();
            var opt = new SGD(net.Parameters(), lr: 0.01, momentum: 0.9);
            var generator = new Generator(1);
            var x = Tensor.Randn(c.InputShape, DType.Float32, generator);
            var y = Tensor.RandInt(0, 10, [c.InputShape[0]], generator);
            void Step()
            {
                var loss = Losses.CrossEntropy(net.Forward(x), y);
                opt.ZeroGrad(setToNone: false);  // PyTorch 1.13's default, as the reference
                loss.Backward();
                opt.Step();
            }
            options.WarmUp(Step);
            var samples = LatencySamples.Collect(Step, warmUpCalls: 2, budgetSeconds: 0, minCalls: c.Steps, maxCalls: c.Steps);
            report.Write(c.Name, samples.Median, "ms");
            report.Write($"{c.Name}_cpu", samples.CpuMillisecondsPerCall, "ms");
        }
    }
}

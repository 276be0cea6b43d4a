using System.Diagnostics;
using Sharpgrad.Data;
using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// <c>{name}_fashion_epoch</c> (s) and <c>{name}_fashion_epoch1_test_acc</c>: one training epoch on the 60 000
/// Fashion-MNIST training images in batches of 64, shuffled, then the test accuracy of the model after that epoch,
/// exactly as the reference's <c>epoch()</c>: the timed part is the loop of forward, cross-entropy, zero-grad,
/// backward and step; loading the data and evaluating are outside it. The GC cost is reported per training step.
/// </summary>
/// <remarks>
/// With <c>autocast</c> set, the forward pass runs in an <see cref="Autocast"/> region of that half type (float32 master
/// weights, half activations, the loss in float32), and float16 scales the loss with a <see cref="GradScaler"/>: the
/// mixed-precision experiment of issue #20 (GBC §12.1.6), compared with the plain float32 epoch of the same model.
/// </remarks>
public sealed class FashionEpochWorkload(string name, Func<Generator, Module<Tensor, Tensor>> model, Func<Module, Optimizer> optimizer, bool flatten,
    DType? autocast = null) : IWorkload
{
    private const int BatchSize = 64;

    public string Name => name;

    /// <summary>mlp: 784-256-128-10 with ReLU, SGD lr 0.1 momentum 0.9, inputs flattened.</summary>
    public static FashionEpochWorkload Mlp { get; } = new("mlp",
        g => ModelZoo.Mlp(784, [256, 128], 10, g),
        m => new SGD(m.Parameters(), lr: 0.1, momentum: 0.9), flatten: true);

    /// <summary>lenet5: <see cref="ModelZoo.LeNet5"/> (the reference's layer list), Adam lr 1e-3.</summary>
    public static FashionEpochWorkload LeNet5 { get; } = new("lenet5",
        g => ModelZoo.LeNet5(generator: g),
        m => new Adam(m.Parameters(), lr: 1e-3), flatten: false);

    /// <summary>lenet5_bf16: <see cref="LeNet5"/> trained with bfloat16 activations and float32 master weights.</summary>
    public static FashionEpochWorkload LeNet5BFloat16 { get; } = new("lenet5_bf16",
        g => ModelZoo.LeNet5(generator: g), m => new Adam(m.Parameters(), lr: 1e-3), flatten: false, autocast: DType.BFloat16);

    /// <summary>lenet5_fp16: the same with float16 activations and dynamic loss scaling.</summary>
    public static FashionEpochWorkload LeNet5Float16 { get; } = new("lenet5_fp16",
        g => ModelZoo.LeNet5(generator: g), m => new Adam(m.Parameters(), lr: 1e-3), flatten: false, autocast: DType.Float16);

    public void Run(BenchReport report, BenchOptions options)
    {
        // Images kept as bytes and converted per batch: the same batches as float32 images, a quarter of the memory
        // (docs/performance.md, "Peak resident memory").
        var train = Datasets.FashionMnistBytes(options.DataDirectory, train: true);
        var test = Datasets.FashionMnistBytes(options.DataDirectory, train: false);
        var net = model(new Generator(0));
        var opt = optimizer(net);
        var loader = new DataLoader(train, BatchSize, shuffle: true, seed: 0);
        var scaler = autocast == DType.Float16 ? new GradScaler() : null;

        net.Train();
        var gc = GcCost.Start();
        long start = Stopwatch.GetTimestamp();
        foreach (var (input, target) in loader)
        {
            var x = flatten ? input.Reshape(input.Size(0), -1) : input;
            Tensor loss;
            using (autocast is { } half ? Autocast.To(half) : null)
                loss = Losses.CrossEntropy(net.Forward(x).Float(), target);
            opt.ZeroGrad(setToNone: false);  // PyTorch 1.13's default, which the reference runs
            if (scaler is null)
            {
                loss.Backward();
                opt.Step();
            }
            else
            {
                scaler.ScaleLoss(loss).Backward();
                scaler.Step(opt);
                scaler.Update();
            }
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cost = gc.Stop(loader.Count);

        net.Eval();
        double accuracy;
        using (Autograd.NoGrad())
        {
            var images = test.Images();
            var x = flatten ? images.Reshape(test.Count, -1) : images;
            using (autocast is { } half ? Autocast.To(half) : null)
                accuracy = net.Forward(x).Float().ArgMax(1).Eq(test.Targets).Double().Mean().Item();
        }
        report.Write($"{name}_fashion_epoch", seconds, "s", cost);
        report.Write($"{name}_fashion_epoch1_test_acc", accuracy, "fraction");
    }
}

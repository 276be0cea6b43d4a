using System.Diagnostics;
using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Quantized;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// lenet5_int8_infer: LeNet-5 inference on 28×28 images in float32 and after post-training int8 quantisation
/// (<see cref="Quantization"/>), at batch 64 and batch 1, in ms per batch. Sharpgrad's own (issue #18); the reference
/// script has no counterpart. The two models run in alternating rounds, so a change in machine load hits both, and
/// each number is the median round. The images are uniform noise: speed does not depend on the weights' training.
/// </summary>
public sealed class LeNet5Int8InferenceWorkload : IWorkload
{
    private const int Rounds = 7;

    public string Name => "lenet5_int8_infer";

    public void Run(BenchReport report, BenchOptions options)
    {
        var generator = new Generator(0);
        var model = ModelZoo.LeNet5(generator: generator);
        model.Eval();
        var calibration = Enumerable.Range(0, 4).Select(_ => Tensor.Rand([64, 1, 28, 28], DType.Float32, generator)).ToList();
        var int8 = Quantization.QuantizeStatic(model, calibration);
        foreach (int batch in new[] { 64, 1 })
        {
            var x = calibration[0][TensorIndex.Slice(0, batch)].Contiguous();
            int repeats = batch == 1 ? 400 : 20;
            Func<Tensor> float32 = () => model.Forward(x), quantised = () => int8.Forward(x);
            using var _ = Autograd.NoGrad();
            options.WarmUp(() => { float32(); quantised(); });
            var (f, q) = (new double[Rounds], new double[Rounds]);
            for (int round = 0; round < Rounds; round++)
            {
                f[round] = Time(float32, repeats);
                q[round] = Time(quantised, repeats);
            }
            report.Write($"lenet5_f32_infer_b{batch}", Median(f), "ms/batch");
            report.Write($"lenet5_int8_infer_b{batch}", Median(q), "ms/batch");
        }
    }

    private static double Time(Func<Tensor> forward, int repeats)
    {
        forward();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeats; i++) forward();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / repeats;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}

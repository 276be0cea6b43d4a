using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// <c>transformer_step</c> (ms): one training step of a 2-layer <see cref="TransformerEncoder"/> (d 128, 4 heads,
/// feed-forward 512, dropout 0, batch-first, ReLU, post-norm, no final norm) on x [32, 64, 128] with loss = mean(out²) and
/// Adam lr 1e-3, exactly as the reference: one warm-up step, then the mean of 20 timed steps of forward, zero-grad,
/// backward and step. The GC cost is reported per step.
/// </summary>
public sealed class TransformerStepWorkload : IWorkload
{
    private const int Steps = 20, Batch = 32, Length = 64, DModel = 128, Heads = 4, FeedForward = 512, Layers = 2;

    public string Name => "transformer";

    public void Run(BenchReport report, BenchOptions options)
    {
        var generator = new Generator(0);
        var encoder = new TransformerEncoder(
            new TransformerEncoderLayer(DModel, Heads, FeedForward, dropout: 0, batchFirst: true, generator: generator), Layers);
        var opt = new Adam(encoder.Parameters(), lr: 1e-3);
        var x = Tensor.Randn([Batch, Length, DModel], DType.Float32, generator);
        void Step()
        {
            var loss = encoder.Forward(x).Pow(2).Mean();
            opt.ZeroGrad(setToNone: false);  // PyTorch 1.13's default, which the reference runs
            loss.Backward();
            opt.Step();
        }

        TrainingStepTimer.WriteMean(report, options, "transformer_step", Step, warmUpSteps: 1, Steps);
    }
}

using Sharpgrad.NN;
using Sharpgrad.NN.Memory;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// dnc_step: ms per DNC training step (issue #14): batch 16, N = 64 cells, W = 32, R = 4 read heads, a 128-unit LSTM
/// controller, 20 time steps of 8-bit input and output; forward, BCE-with-logits loss, backward and an Adam step, in
/// float32. <c>bench/dnc_step.py</c> runs the same equations in PyTorch. 2 warm-up steps, then the median of 5.
/// </summary>
public sealed class DncStepWorkload : IWorkload
{
    public const int Batch = 16, Cells = 64, Width = 32, ReadHeads = 4, Controller = 128, Steps = 20, Bits = 8;

    public string Name => "dnc";

    public void Run(BenchReport report, BenchOptions options)
    {
        var generator = new Generator(0);
        var dnc = new DNC(Bits, Bits, Controller, Cells, Width, ReadHeads, generator: generator);
        var optimizer = new Adam(dnc.Parameters(), lr: 1e-4);
        var input = Tensor.Rand([Steps, Batch, Bits], DType.Float32, generator).Lt(0.5).Float();
        var target = Tensor.Rand([Steps, Batch, Bits], DType.Float32, generator).Lt(0.5).Float();
        void Step()
        {
            optimizer.ZeroGrad();
            Losses.BCEWithLogits(dnc.Forward(input, null).Output, target).Backward();
            optimizer.Step();
        }
        TrainingStepTimer.WriteMedian(report, options, "dnc_step", Step, warmUpSteps: 2, timedSteps: 5);
    }
}

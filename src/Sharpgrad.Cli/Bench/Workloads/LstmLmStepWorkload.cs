using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// lstm_lm_step (ms): one training step of a character-level LSTM language model, exactly the reference's: Embedding(64,
/// 64), LSTM(64, 256, batch first), Linear(256, 64) on a fixed batch of [32, 65] random tokens (inputs the first 64, targets
/// the last 64), cross-entropy, zero-grad, backward, gradient clipping to norm 1 (GBC §10.11.1), Adam lr 1e-3. One
/// warm-up step, then 30 timed; the GC cost is reported per step.
/// </summary>
public sealed class LstmLmStepWorkload : IWorkload
{
    private const int Vocabulary = 64, Embedding = 64, Hidden = 256, Steps = 64, Batch = 32, TimedSteps = 30;

    public string Name => "lstm";

    public void Run(BenchReport report, BenchOptions options)
    {
        var generator = new Generator(0);
        var embedding = new Embedding(Vocabulary, Embedding, generator: generator);
        var lstm = new LSTM(Embedding, Hidden, batchFirst: true, generator: generator);
        var head = new Linear(Hidden, Vocabulary, generator: generator);
        var parameters = embedding.Parameters().Concat(lstm.Parameters()).Concat(head.Parameters()).ToList();
        var optimizer = new Adam(parameters, lr: 1e-3);
        var data = Tensor.RandInt(0, Vocabulary, [Batch, Steps + 1], generator);
        var inputs = data.Narrow(1, 0, Steps);
        var targets = data.Narrow(1, 1, Steps).Contiguous().Reshape(-1);

        void Step()
        {
            var (output, _) = lstm.Forward(embedding.Forward(inputs));
            var loss = Losses.CrossEntropy(head.Forward(output).Reshape(-1, Vocabulary), targets);
            optimizer.ZeroGrad(setToNone: false);  // PyTorch 1.13's default, which the reference runs
            loss.Backward();
            ClipGradients.ByNorm(parameters, 1.0);
            optimizer.Step();
        }

        TrainingStepTimer.WriteMean(report, options, "lstm_lm_step", Step, warmUpSteps: 1, TimedSteps);
    }
}

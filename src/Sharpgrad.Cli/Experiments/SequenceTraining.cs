using Sharpgrad.NN.Memory.Tasks;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The loss and the task's score (bit errors, accuracy) of every training batch, in order.</summary>
public sealed record SequenceTrainingRun(double[] Losses, double[] Scores);

/// <summary>
/// The training loop the sequence-task experiments share: each step draws a fresh batch, and Adam takes one step on the
/// batch's loss with the gradients clipped to norm <c>clipNorm</c> (Graves et al. 2014 and 2016 clip too). Models map
/// inputs [T, B, in] to logits [T, B, out]; the task says how a batch is drawn, lost and scored.
/// </summary>
public static class SequenceTraining
{
    /// <returns>per step: the loss and <paramref name="score"/> of that step's batch (taken before the update)</returns>
    public static SequenceTrainingRun Train<TBatch>(Func<Tensor, Tensor> model, IEnumerable<Tensor> parameters, int steps, double learningRate,
        double clipNorm, Func<Generator, TBatch> draw, Func<TBatch, Tensor, double> score, int seed) where TBatch : ISequenceTaskBatch
    {
        if (steps < 1) throw new ArgumentException($"SequenceTraining: steps must be at least 1, got {steps}.");
        var weights = parameters.ToArray();
        var optimizer = new Adam(weights, lr: learningRate);
        var generator = new Generator(seed);
        var (losses, scores) = (new double[steps], new double[steps]);
        for (int step = 0; step < steps; step++)
        {
            var batch = draw(generator);
            optimizer.ZeroGrad();
            var logits = model(batch.Input);
            var loss = batch.Loss(logits);
            loss.Backward();
            ClipGradients.ByNorm(weights, clipNorm);
            optimizer.Step();
            losses[step] = loss.Item();
            scores[step] = score(batch, logits);
        }
        return new(losses, scores);
    }
}

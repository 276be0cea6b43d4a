using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The budget of a copy-task run: steps of Adam on fresh batches of <see cref="Batch"/> sequences of
/// <see cref="Bits"/>-bit vectors, each batch's length drawn uniformly from [<see cref="MinLength"/>, <see cref="MaxLength"/>],
/// gradients clipped to norm <see cref="ClipNorm"/>. The data come from <see cref="Seed"/>.
/// </summary>
public sealed record CopyTrainingOptions(int Steps, int Batch = 16, int Bits = 8, int MinLength = 1, int MaxLength = 20,
    double LearningRate = 1e-3, double ClipNorm = 10, int Seed = 0);

/// <summary>The loss per answer bit and the bit errors per sequence of every training batch, in order.</summary>
public sealed record CopyTrainingRun(double[] Losses, double[] BitErrors);

/// <summary>
/// Trains any sequence model [T, B, bits + 1] → logits [T, B, bits] on the copy task (Graves et al. 2014 §4.1): the NTM,
/// the DNC and the LSTM baseline share this loop, so their curves differ only by the model.
/// </summary>
public static class CopyTraining
{
    public static CopyTrainingRun Train(Func<Tensor, Tensor> model, IEnumerable<Tensor> parameters, CopyTrainingOptions options, DType dtype = DType.Float32)
    {
        if (options.Steps < 1 || options.MinLength < 1 || options.MaxLength < options.MinLength)
            throw new ArgumentException($"CopyTraining: need steps ≥ 1 and 1 ≤ minLength ≤ maxLength, got {options}.");
        var run = SequenceTraining.Train(model, parameters, options.Steps, options.LearningRate, options.ClipNorm, generator =>
        {
            int length = options.MinLength + (int)generator.NextInt64(options.MaxLength - options.MinLength + 1);
            return CopyTask.Generate(options.Batch, length, options.Bits, generator, dtype);
        }, (batch, logits) => batch.BitErrors(logits), options.Seed);
        return new(run.Losses, run.Scores);
    }

    /// <summary>Mean bit errors per sequence of a trained model on <paramref name="batches"/> fresh batches of one length.</summary>
    public static double Evaluate(Func<Tensor, Tensor> model, int length, int bits, int batch, int batches, Generator generator, DType dtype = DType.Float32)
    {
        double total = 0;
        using var _ = Autograd.NoGrad();
        for (int k = 0; k < batches; k++)
        {
            var data = CopyTask.Generate(batch, length, bits, generator, dtype);
            total += data.BitErrors(model(data.Input));
        }
        return total / batches;
    }
}

namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// The repeat-copy task (Graves et al. 2014 §4.2): a sequence of L random binary vectors, then one step carrying a
/// delimiter flag (channel bits) and the number of repeats R divided by <c>maxRepeats</c> (channel bits + 1, the paper's
/// normalised count); the network outputs the sequence R times and then an end marker on an extra output channel.
/// Input width bits + 2, output width bits + 1, T = L + 1 + R·L + 1, answer steps the last R·L + 1.
/// </summary>
public static class RepeatCopyTask
{
    public static SequenceBatch Generate(int batch, int length, int repeats, int maxRepeats, int bits, Generator generator, DType dtype = DType.Float32)
    {
        MemoryChecks.Positive("RepeatCopyTask", ("batch", batch), ("length", length), ("repeats", repeats), ("maxRepeats", maxRepeats), ("bits", bits));
        if (repeats > maxRepeats)
            throw new ArgumentException($"RepeatCopyTask: repeats must be at most maxRepeats = {maxRepeats}, got {repeats}.");
        int answerStart = length + 1, steps = answerStart + repeats * length + 1;
        var builder = new SequenceBatchBuilder(steps, batch, bits + 2, bits + 1);
        for (int s = 0; s < batch; s++)
        {
            var pattern = SequenceBatchBuilder.RandomBits(length, bits, generator);
            for (int t = 0; t < length; t++)
                for (int k = 0; k < bits; k++) builder.Input(t, s, k, pattern[t, k]);
            builder.Input(length, s, bits, 1);
            builder.Input(length, s, bits + 1, (double)repeats / maxRepeats);
            for (int r = 0; r < repeats; r++)
                for (int t = 0; t < length; t++)
                {
                    builder.Answer(answerStart + r * length + t, s);
                    for (int k = 0; k < bits; k++) builder.Target(answerStart + r * length + t, s, k, pattern[t, k]);
                }
            builder.Target(steps - 1, s, bits, 1);
        }
        return builder.Build(dtype);
    }
}

namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// The copy task (Graves et al. 2014 §4.1): a sequence of L random binary vectors of <c>bits</c> bits, then a delimiter
/// on an extra input channel, then L blank steps in which the network must reproduce the sequence. Input width bits + 1,
/// output width bits, T = 2L + 1 steps, answer steps L + 1 … 2L.
/// </summary>
public static class CopyTask
{
    /// <summary>One batch; every sequence in it has <paramref name="length"/> vectors (draw the length per batch to vary it).</summary>
    public static SequenceBatch Generate(int batch, int length, int bits, Generator generator, DType dtype = DType.Float32)
    {
        MemoryChecks.Positive("CopyTask", ("batch", batch), ("length", length), ("bits", bits));
        var builder = new SequenceBatchBuilder(2 * length + 1, batch, bits + 1, bits);
        for (int s = 0; s < batch; s++)
        {
            var pattern = SequenceBatchBuilder.RandomBits(length, bits, generator);
            for (int t = 0; t < length; t++)
                for (int k = 0; k < bits; k++)
                {
                    builder.Input(t, s, k, pattern[t, k]);
                    builder.Target(length + 1 + t, s, k, pattern[t, k]);
                }
            builder.Input(length, s, bits, 1);
            for (int t = 0; t < length; t++) builder.Answer(length + 1 + t, s);
        }
        return builder.Build(dtype);
    }
}

namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// Sorting (an algorithmic task of Graves et al. 2014 §4.5 and of the seq2seq literature, in a read-then-write layout):
/// L random symbols from an alphabet of K, one per step as a one-hot in channels 0 … K − 1, then L steps with the
/// answer flag (channel K) on which the network must emit the symbols in ascending order. Input width K + 1, T = 2L,
/// labels the sorted symbols on steps L … 2L − 1. The same layout suits a recurrent network, which must remember the
/// symbols, and a Transformer encoder, which sees all steps at once.
/// </summary>
public static class SortTask
{
    public static LabelledSequenceBatch Generate(int batch, int length, int symbols, Generator generator, DType dtype = DType.Float32)
    {
        MemoryChecks.Positive("SortTask", ("batch", batch), ("length", length));
        if (symbols < 2) throw new ArgumentException($"SortTask: symbols must be at least 2, got {symbols}.");
        int width = symbols + 1, steps = 2 * length;
        var input = new double[steps * batch * width];
        var labels = new long[steps * batch];
        Array.Fill(labels, LabelledSequenceBatch.NotAnswered);
        for (int s = 0; s < batch; s++)
        {
            var values = Enumerable.Range(0, length).Select(_ => (int)generator.NextInt64(symbols)).ToArray();
            for (int t = 0; t < length; t++) input[(t * batch + s) * width + values[t]] = 1;
            Array.Sort(values);
            for (int t = 0; t < length; t++)
            {
                input[((length + t) * batch + s) * width + symbols] = 1;
                labels[(length + t) * batch + s] = values[t];
            }
        }
        return new(Tensor.FromArray(input, steps, batch, width).To(dtype), Tensor.FromArray(labels, steps, batch));
    }
}

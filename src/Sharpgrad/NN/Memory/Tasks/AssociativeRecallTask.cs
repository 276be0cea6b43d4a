namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// Associative recall (Graves et al. 2014 §4.3): K items, each of <c>itemLength</c> random binary vectors and each
/// preceded by a step with the item delimiter (input channel bits); then one of the first K − 1 items again as a query,
/// enclosed by steps with the query delimiter (channel bits + 1); the network must then output the item that followed
/// the query in the list. Input width bits + 2, output width bits, T = K(I + 1) + (I + 2) + I, answer steps the last I.
/// </summary>
public static class AssociativeRecallTask
{
    public static SequenceBatch Generate(int batch, int items, int itemLength, int bits, Generator generator, DType dtype = DType.Float32)
    {
        MemoryChecks.Positive("AssociativeRecallTask", ("batch", batch), ("itemLength", itemLength), ("bits", bits));
        if (items < 2) throw new ArgumentException($"AssociativeRecallTask: items must be at least 2 (a query and its successor), got {items}.");
        int queryStart = items * (itemLength + 1), answerStart = queryStart + itemLength + 2, steps = answerStart + itemLength;
        var builder = new SequenceBatchBuilder(steps, batch, bits + 2, bits);
        for (int s = 0; s < batch; s++)
        {
            var patterns = Enumerable.Range(0, items).Select(_ => SequenceBatchBuilder.RandomBits(itemLength, bits, generator)).ToArray();
            int query = (int)generator.NextInt64(items - 1);
            for (int i = 0; i < items; i++)
            {
                int start = i * (itemLength + 1);
                builder.Input(start, s, bits, 1);
                WriteItem(builder, patterns[i], start + 1, s, bits);
            }
            builder.Input(queryStart, s, bits + 1, 1);
            WriteItem(builder, patterns[query], queryStart + 1, s, bits);
            builder.Input(queryStart + itemLength + 1, s, bits + 1, 1);
            for (int t = 0; t < itemLength; t++)
            {
                builder.Answer(answerStart + t, s);
                for (int k = 0; k < bits; k++) builder.Target(answerStart + t, s, k, patterns[query + 1][t, k]);
            }
        }
        return builder.Build(dtype);
    }

    private static void WriteItem(SequenceBatchBuilder builder, double[,] pattern, int start, int sequence, int bits)
    {
        for (int t = 0; t < pattern.GetLength(0); t++)
            for (int k = 0; k < bits; k++) builder.Input(start + t, sequence, k, pattern[t, k]);
    }
}

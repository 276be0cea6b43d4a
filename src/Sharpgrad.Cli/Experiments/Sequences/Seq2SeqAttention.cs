using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Settings of <see cref="Seq2SeqAttention"/>; <see cref="Quick"/> is the test's small run.</summary>
public sealed record Seq2SeqAttentionOptions(int Steps = 1500, int MinLength = 3, int MaxLength = 7, int TrainingExamples = 4000,
    int TestExamples = 200, int BatchSize = 32, int EmbeddingDim = 16, int HiddenSize = 48, int AttentionDim = 32, double LearningRate = 0.01,
    double ScheduleK = 300, int BeamWidth = 4, int BeamExamples = 40, int Seed = 0)
{
    public static Seq2SeqAttentionOptions Quick { get; } = new(Steps: 150, MinLength: 3, MaxLength: 5, TrainingExamples: 1500, TestExamples: 100,
        HiddenSize: 32, ScheduleK: 50, BeamExamples: 20);
}

/// <summary>What <see cref="Seq2SeqAttention.Run"/> measured.</summary>
/// <param name="StepLosses">the training loss at every step</param>
/// <param name="SamplingProbabilities">1 − εᵢ of the inverse-sigmoid schedule at every step</param>
/// <param name="ExactMatch">the fraction of test strings whose greedy output is exactly the reversed string</param>
/// <param name="AttentionMap">greedy decoding's weights [output step, source position] for <see cref="MapSource"/></param>
/// <param name="AntiDiagonalMass">the mean weight that output step i puts on source position L − 1 − i, over the test strings of the longest length</param>
/// <param name="GreedyLogProbabilities">log P of the greedy output of each of the first test strings</param>
/// <param name="BeamLogProbabilities">log P of beam search's best output for the same strings</param>
public sealed record Seq2SeqAttentionResult(double[] StepLosses, double[] SamplingProbabilities, double ExactMatch, double[,] AttentionMap,
    long[] MapSource, long[] MapOutput, double AntiDiagonalMass, double[] GreedyLogProbabilities, double[] BeamLogProbabilities);

/// <summary>
/// Reversing digit strings with an attention encoder–decoder (Bahdanau et al. 2015; Buduma ch7, Fig. 7.33's alignment
/// maps): strings of 3 … 7 random digits, generated in code, are mapped to their reversal. Output step i must copy source
/// position L − 1 − i, so a model that learned the task attends along the anti-diagonal. Training: Adam, gradient
/// clipping at norm 1, batches bucketed by length (one length per batch, so no padding), and scheduled sampling with
/// Bengio et al.'s inverse-sigmoid schedule. Evaluation on fresh strings: exact-match accuracy of batched greedy
/// decoding, the attention map, and greedy against beam search in log-probability.
/// </summary>
public static class Seq2SeqAttention
{
    /// <summary>Token ids: padding, start, end, then the digits 0 … 9 as 3 … 12.</summary>
    public const long Pad = 0, Start = 1, End = 2, FirstDigit = 3;

    public const int Vocabulary = 13;

    public static Seq2SeqAttentionResult Run(Seq2SeqAttentionOptions? options = null)
    {
        var o = options ?? new Seq2SeqAttentionOptions();
        var data = new Generator(o.Seed);
        var train = RandomStrings(o.TrainingExamples, o.MinLength, o.MaxLength, data);
        var test = RandomStrings(o.TestExamples, o.MinLength, o.MaxLength, data);
        var model = new AttentionSeq2Seq(Vocabulary, Vocabulary, o.EmbeddingDim, o.HiddenSize, o.AttentionDim, Pad, Start, End,
            generator: new Generator(o.Seed + 1));
        var (losses, sampling) = Train(model, train, o);
        model.Eval();
        var (exact, map, mapSource, mapOutput, antiDiagonal) = Evaluate(model, test, o.MaxLength);
        var beamStrings = test.Take(o.BeamExamples).ToArray();
        var greedy = beamStrings.Select(s => model.Greedy(Source(s), s.Length + 2).LogProbability).ToArray();
        var beam = beamStrings.Select(s => model.BeamSearch(Source(s), o.BeamWidth, s.Length + 2)[0].LogProbability).ToArray();
        return new Seq2SeqAttentionResult(losses, sampling, exact, map, mapSource, mapOutput, antiDiagonal, greedy, beam);
    }

    /// <summary><paramref name="count"/> strings of digits 0 … 9, lengths uniform in [min, max].</summary>
    public static long[][] RandomStrings(int count, int minLength, int maxLength, Generator generator) =>
        [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, minLength + (int)generator.NextInt64(maxLength - minLength + 1))
            .Select(_ => generator.NextInt64(10)).ToArray())];

    private static Tensor Source(long[] digits) => Tensor.From(digits.Select(d => d + FirstDigit).ToArray());

    private static (double[] Losses, double[] Sampling) Train(AttentionSeq2Seq model, long[][] train, Seq2SeqAttentionOptions o)
    {
        var optimizer = new Adam(model.Parameters(), lr: o.LearningRate);
        var sampler = new BucketBatchSampler([.. train.Select(s => s.Length)], o.BatchSize, shuffle: true, seed: o.Seed + 2);
        var generator = new Generator(o.Seed + 3);
        var losses = new double[o.Steps];
        var sampling = new double[o.Steps];
        int step = 0;
        while (step < o.Steps)
        {
            foreach (var batch in sampler)
            {
                if (step == o.Steps) break;
                var (source, input, output) = Batch([.. batch.Select(i => train[i])]);
                sampling[step] = 1 - ScheduledSampling.InverseSigmoid(step, o.ScheduleK);
                var loss = model.Loss(source, input, output, sampling[step], generator);
                optimizer.ZeroGrad();
                loss.Backward();
                ClipGradients.ByNorm(model.Parameters(), 1.0);
                optimizer.Step();
                losses[step++] = loss.Item();
            }
        }
        return (losses, sampling);
    }

    /// <summary>Sources [N, L], decoder inputs [N, L + 1] (start, reversed digits) and targets [N, L + 1] (reversed digits, end).</summary>
    public static (Tensor Source, Tensor Input, Tensor Output) Batch(IReadOnlyList<long[]> strings)
    {
        int n = strings.Count, length = strings[0].Length;
        if (strings.Any(s => s.Length != length)) throw new ArgumentException("Seq2SeqAttention.Batch: a batch must hold strings of one length.");
        var source = new long[n * length];
        var input = new long[n * (length + 1)];
        var output = new long[n * (length + 1)];
        for (int r = 0; r < n; r++)
        {
            input[r * (length + 1)] = Start;
            for (int i = 0; i < length; i++)
            {
                source[r * length + i] = strings[r][i] + FirstDigit;
                long reversed = strings[r][length - 1 - i] + FirstDigit;
                input[r * (length + 1) + i + 1] = reversed;
                output[r * (length + 1) + i] = reversed;
            }
            output[r * (length + 1) + length] = End;
        }
        return (Tensor.FromArray(source, n, length), Tensor.FromArray(input, n, length + 1), Tensor.FromArray(output, n, length + 1));
    }

    private static (double Exact, double[,] Map, long[] MapSource, long[] MapOutput, double AntiDiagonal) Evaluate(AttentionSeq2Seq model,
        long[][] test, int maxLength)
    {
        int correct = 0;
        double antiDiagonal = 0;
        int longest = 0;
        double[,] map = new double[0, 0];
        long[] mapSource = [], mapOutput = [];
        foreach (var group in test.GroupBy(s => s.Length))
        {
            var strings = group.ToArray();
            int length = group.Key;
            var (source, _, expected) = Batch(strings);
            var (tokens, weights) = model.GreedyBatch(source, length + 1);
            var decoded = tokens.ToArray<long>();
            var target = expected.ToArray<long>();
            var w = weights.Double().ToArray<double>(); // [N, L + 1, L]
            for (int r = 0; r < strings.Length; r++)
            {
                if (decoded.AsSpan(r * (length + 1), length + 1).SequenceEqual(target.AsSpan(r * (length + 1), length + 1))) correct++;
                if (length != maxLength) continue;
                for (int i = 0; i < length; i++) antiDiagonal += w[(r * (length + 1) + i) * length + (length - 1 - i)] / length;
                longest++;
                if (longest == 1)
                {
                    map = new double[length + 1, length];
                    for (int i = 0; i <= length; i++)
                        for (int s = 0; s < length; s++) map[i, s] = w[(r * (length + 1) + i) * length + s];
                    mapSource = strings[r];
                    mapOutput = [.. decoded.AsSpan(r * (length + 1), length + 1).ToArray().Select(t => t - FirstDigit)];
                }
            }
        }
        return ((double)correct / test.Length, map, mapSource, mapOutput, longest == 0 ? double.NaN : antiDiagonal / longest);
    }
}

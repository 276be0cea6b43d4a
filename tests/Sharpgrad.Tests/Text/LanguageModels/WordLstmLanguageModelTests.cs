using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Text;
using Sharpgrad.Text.LanguageModels;

namespace Sharpgrad.Tests.Text.LanguageModels;

/// <summary>
/// The word-level LSTM language model trained by the full softmax, NCE and the sampled softmax on a tiny generated
/// corpus; each must bring the full-softmax perplexity of held-out text below half the unigram model's (measured: full 3.67, sampled 3.74, NCE 6.13, unigram 14.08, untrained 18.47).
/// </summary>
public class WordLstmLanguageModelTests
{
    private static readonly string[] Determiners = ["the", "a"], Adjectives = ["big", "small", "red", "old", "happy"],
        Nouns = ["cat", "dog", "bird", "car", "man", "tree"], Verbs = ["sees", "likes", "finds", "eats"];

    /// <summary>Sentences "det [adj] noun verb det noun ." as one stream of words: 18 words whose order a model can learn.</summary>
    private static List<string> Stream(int sentences, long seed)
    {
        var random = new Generator(seed);
        string Pick(string[] words) => words[random.NextInt64(words.Length)];
        var words = new List<string>();
        for (int s = 0; s < sentences; s++)
        {
            words.Add(Pick(Determiners));
            if (random.NextDouble() < 0.5) words.Add(Pick(Adjectives));
            words.AddRange([Pick(Nouns), Pick(Verbs), Pick(Determiners), Pick(Nouns), "."]);
        }
        return words;
    }

    /// <summary>Windows of <paramref name="steps"/> + 1 words starting at random offsets: inputs and next-word targets [batch, steps].</summary>
    private static (Tensor Inputs, Tensor Targets) Batch(int[] ids, int batch, int steps, Generator random)
    {
        var inputs = new long[batch * steps];
        var targets = new long[batch * steps];
        for (int b = 0; b < batch; b++)
        {
            int start = (int)random.NextInt64(ids.Length - steps - 1);
            for (int t = 0; t < steps; t++)
            {
                inputs[b * steps + t] = ids[start + t];
                targets[b * steps + t] = ids[start + t + 1];
            }
        }
        return (Tensor.FromArray(inputs, batch, steps), Tensor.FromArray(targets, batch, steps));
    }

    public static TheoryData<string> Objectives => ["full", "nce", "sampled"];

    [Theory]
    [MemberData(nameof(Objectives))]
    public void TrainingLowersTheFullSoftmaxPerplexityBelowTheUnigramModels(string objective)
    {
        var training = Stream(400, seed: 1);
        var vocabulary = Vocabulary.Build(training);
        Assert.Equal(18, vocabulary.Count); // 2 + 5 + 6 + 4 words and "."
        int[] trainIds = vocabulary.Encode(training), validIds = vocabulary.Encode(Stream(60, seed: 2));
        var noise = NoiseDistribution.Unigram(vocabulary.Counts);
        var softmax = objective switch
        {
            "nce" => SoftmaxTraining.Nce(noise, 8),
            "sampled" => SoftmaxTraining.SampledSoftmax(noise, 8),
            _ => SoftmaxTraining.Full,
        };

        // Held-out windows, and the unigram model's perplexity on the same targets: exp(−mean log c(w)/N).
        var (validInputs, validTargets) = Batch(validIds, 32, 10, new Generator(7));
        double unigram = Math.Exp(-validTargets.Reshape(-1).ToArray<long>().Average(w => Math.Log((double)vocabulary.Counts[(int)w] / vocabulary.TotalCount)));

        var model = new WordLstmLanguageModel(vocabulary.Count, embeddingSize: 16, hiddenSize: 32, seed: 3);
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var batches = new Generator(4);
        var noiseDraws = new Generator(5);
        double before = model.Perplexity(validInputs, validTargets);
        for (int step = 0; step < 150; step++)
        {
            var (inputs, targets) = Batch(trainIds, 16, 10, batches);
            optimizer.ZeroGrad();
            model.Loss(inputs, targets, softmax, noiseDraws).Backward();
            optimizer.Step();
        }
        double after = model.Perplexity(validInputs, validTargets);
        Assert.True(after < 0.5 * unigram && after < 0.5 * before,
            $"{softmax}: perplexity {before:F2} → {after:F2}, unigram {unigram:F2}");
    }

    [Fact]
    public void BadTokensNameTheModelAndTheShape()
    {
        var model = new WordLstmLanguageModel(5, 4, 4);
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros([2, 3, 1], DType.Int64)));
        Assert.Contains("WordLstmLanguageModel", error.Message);
        Assert.Contains("[2, 3, 1]", error.Message);
        Assert.Equal(["decoder.bias", "decoder.weight", "encoder.weight"], model.StateDict().Keys.Where(k => !k.StartsWith("rnn.")).Order());
    }
}

using Sharpgrad.NN;

namespace Sharpgrad.Text.LanguageModels;

/// <summary>
/// A word-level LSTM language model (GBC §12.4; Buduma ch7): an <see cref="Embedding"/> of the words, an
/// <see cref="LSTM"/> (batch first) and a <see cref="Linear"/> read-out to V logits, named encoder, rnn and decoder as in
/// PyTorch's word_language_model example. The read-out is the part whose cost grows with the vocabulary, so
/// <see cref="Loss"/> takes a <see cref="SoftmaxTraining"/>: the full softmax, NCE or the sampled softmax.
/// <see cref="Perplexity"/> always normalises over the whole vocabulary, so the three are compared on the same measure.
/// </summary>
public sealed class WordLstmLanguageModel : Module<Tensor, Tensor>
{
    private readonly Embedding encoder;
    private readonly LSTM rnn;
    private readonly Linear decoder;

    public WordLstmLanguageModel(int vocabularySize, int embeddingSize, int hiddenSize, int seed = 0)
    {
        encoder = RegisterModule("encoder", new Embedding(vocabularySize, embeddingSize, generator: new Generator(seed)));
        rnn = RegisterModule("rnn", new LSTM(embeddingSize, hiddenSize, batchFirst: true, generator: new Generator(seed + 1)));
        decoder = RegisterModule("decoder", new Linear(hiddenSize, vocabularySize, generator: new Generator(seed + 2)));
    }

    /// <summary>The number of words V.</summary>
    public int VocabularySize => decoder.Weight.Size(0);

    /// <summary>Logits [N, T, V] for tokens [N, T], from a zero state.</summary>
    protected override Tensor ForwardCore(Tensor tokens) => decoder.Forward(Hidden(tokens));

    /// <summary>The LSTM's outputs [N, T, H] for tokens [N, T]: what the read-out scores.</summary>
    public Tensor Hidden(Tensor tokens)
    {
        if (tokens.Rank != 2 || tokens.DType != DType.Int64)
            throw new ArgumentException($"WordLstmLanguageModel: tokens must be int64 [batch, steps], got {tokens.DType.Name()} {tokens.ShapeText}.");
        return rnn.Forward(encoder.Forward(tokens)).Output;
    }

    /// <summary>
    /// The mean training loss of predicting <paramref name="targets"/> [N, T] (the next words) from
    /// <paramref name="tokens"/> [N, T] under <paramref name="training"/>; noise classes come from <paramref name="generator"/>.
    /// </summary>
    public Tensor Loss(Tensor tokens, Tensor targets, SoftmaxTraining training, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (!targets.Shape.AsSpan().SequenceEqual(tokens.Shape))
            throw new ArgumentException($"WordLstmLanguageModel: targets {targets.ShapeText} must have the tokens' shape {tokens.ShapeText}.");
        var hidden = Hidden(tokens);
        return training.Loss(hidden.Reshape(-1, hidden.Size(2)), decoder, targets.Reshape(-1), generator);
    }

    /// <summary>exp(mean cross-entropy per word) of <paramref name="targets"/> given <paramref name="tokens"/>, over the full softmax.</summary>
    public double Perplexity(Tensor tokens, Tensor targets)
    {
        using var noGrad = Autograd.NoGrad();
        var logits = Forward(tokens);
        return Math.Exp(Losses.CrossEntropy(logits.Reshape(-1, VocabularySize), targets.Reshape(-1)).Item());
    }
}

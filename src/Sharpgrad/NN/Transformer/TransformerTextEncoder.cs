namespace Sharpgrad.NN;

/// <summary>
/// A padded batch of token ids [N, T] → one vector per sentence [N, E], with the padding masked out twice: no token
/// attends to a padding position (the key-padding mask, true where id = paddingIdx), and the mean over the steps counts
/// the real tokens only. So a sentence gives the same vector however much padding its batch adds. The steps are
/// Embedding, then the positional encoding (if any), then the encoder stack (Vaswani et al. 2017 §3.1), then the
/// masked mean; <c>new Sequential(new TransformerTextEncoder(…), new Linear(E, C))</c> is a classifier for padded
/// batches that exports to ONNX with dynamic batch and length. Children: <c>embedding</c>, <c>positions</c>, <c>encoder</c>.
/// </summary>
public sealed class TransformerTextEncoder : Module<Tensor, Tensor>
{
    public Embedding Embedding { get; }
    public PositionalEncoding? Positions { get; }
    public TransformerEncoder Encoder { get; }

    /// <summary>The id that marks padding; it must be the embedding's paddingIdx.</summary>
    public int PaddingIdx { get; }

    /// <param name="embedding">the token table; its paddingIdx marks the padding</param>
    /// <param name="positions">a batch-first positional encoding, or null</param>
    /// <param name="encoder">a batch-first encoder stack</param>
    public TransformerTextEncoder(Embedding embedding, PositionalEncoding? positions, TransformerEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(encoder);
        const string name = nameof(TransformerTextEncoder);
        if (embedding.PaddingIdx is not int padding)
            throw new ArgumentException($"{name}: the embedding needs a paddingIdx, the id that marks padding.");
        if (!encoder.Layers[0].BatchFirst || positions is { BatchFirst: false })
            throw new ArgumentException($"{name}: the encoder and the positional encoding must be batch-first, since the ids are [N, T].");
        PaddingIdx = padding;
        Embedding = RegisterModule("embedding", embedding);
        if (positions is not null) Positions = RegisterModule("positions", positions);
        Encoder = RegisterModule("encoder", encoder);
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        const string name = nameof(TransformerTextEncoder);
        if (input.Rank != 2 || input.DType != DType.Int64)
            throw new ArgumentException($"{name}: the input must be int64 token ids [N, T], got {input.DType.Name()} {input.ShapeText}.");
        var padding = input.Eq(PaddingIdx);                                            // [N, T], true at padding
        var real = input.Ne(PaddingIdx).To(Embedding.Weight.DType);
        var counts = real.Sum(1, keepdim: true);                                       // [N, 1]
        // A sentence of padding only would attend to nothing: softmax over no keys is NaN.
        if (counts.Min().Item() == 0)
            throw new ArgumentException($"{name}: a row of the ids {input.ShapeText} is padding only (id {PaddingIdx}); every sentence needs a token.");
        var x = Embedding.Forward(input);
        if (Positions is not null) x = Positions.Forward(x);
        x = Encoder.Forward(x, null, padding);
        return (x * real.Unsqueeze(2)).Sum(1) / counts;
    }
}

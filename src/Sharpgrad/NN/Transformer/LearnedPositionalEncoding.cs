namespace Sharpgrad.NN;

/// <summary>
/// A learned positional encoding (BERT, GPT): one trainable vector per position, the parameter <c>weight</c>
/// [maxLen, d], drawn from N(0, 1) like nn.Embedding's, so an nn.Embedding(maxLen, d) of positions loads into it.
/// Unlike sinusoids it cannot describe positions past maxLen.
/// </summary>
public sealed class LearnedPositionalEncoding : PositionalEncoding
{
    public LearnedPositionalEncoding(int dModel, int maxLen, double dropout = 0, bool batchFirst = false,
        DType dtype = DType.Float32, Generator? generator = null)
        : base(dModel, maxLen, dropout, batchFirst, dtype, generator)
    {
        Weight = RegisterParameter("weight", Tensor.Zeros([maxLen, dModel], dtype));
        Init.Normal(Weight, generator: generator);
    }

    /// <summary>[MaxLen, DModel].</summary>
    public Tensor Weight { get; }

    protected override Tensor Table => Weight;
}

namespace Sharpgrad.NN;

/// <summary>
/// The Transformer's fixed positional encoding (Vaswani et al. 2017 §3.5): P[t, 2i] = sin(t/10000^(2i/d)) and
/// P[t, 2i+1] = cos(t/10000^(2i/d)), wavelengths from 2π to 10000·2π, so P[t+k] is a linear function of P[t] for each
/// offset k. Stored as the non-trainable buffer <c>pe</c> [maxLen, d] (the PyTorch tutorial's PositionalEncoding; an odd d
/// keeps the first d columns). Scaling the embeddings by √d first, as the paper does, is the caller's choice.
/// </summary>
public sealed class SinusoidalPositionalEncoding : PositionalEncoding
{
    private readonly Tensor pe;

    public SinusoidalPositionalEncoding(int dModel, int maxLen = 5000, double dropout = 0, bool batchFirst = false,
        DType dtype = DType.Float32, Generator? generator = null)
        : base(dModel, maxLen, dropout, batchFirst, dtype, generator)
    {
        pe = RegisterBuffer("pe", Sinusoids(maxLen, dModel).To(dtype));
    }

    protected override Tensor Table => pe;

    /// <summary>The table in float64: angles t·ωᵢ with ωᵢ = 10000^(−2i/d), then sin and cos interleaved column by column.</summary>
    public static Tensor Sinusoids(int maxLen, int dModel)
    {
        int pairs = (dModel + 1) / 2;
        var frequencies = (Tensor.Arange(0, pairs, dtype: DType.Float64) * (-2.0 * Math.Log(10000) / dModel)).Exp();
        var angles = Tensor.Arange(0, maxLen, dtype: DType.Float64).Unsqueeze(1) * frequencies;       // [maxLen, pairs]
        return Tensor.Stack([angles.Sin(), angles.Cos()], 2).Reshape(maxLen, 2 * pairs).Narrow(1, 0, dModel).Contiguous();
    }
}

namespace Sharpgrad.NN;

/// <summary>
/// A multi-layer gated recurrent unit network (GBC §10.10.2, Cho et al. 2014), PyTorch's <c>nn.GRU</c>: gates r, z, n
/// with n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) and h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
public sealed class GRU : RecurrentLayer<Tensor?, (Tensor Output, Tensor H)>
{
    /// <param name="dropout">dropout probability between layers, training only, with masks drawn from <paramref name="generator"/></param>
    /// <param name="generator">source of the initial weights, U(−1/√H, 1/√H), and of the dropout masks</param>
    public GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentKind.Gru, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, null, dtype, generator)
    {
    }

    protected override (Tensor Output, Tensor H) ForwardCore(Tensor input, Tensor? h0)
    {
        var (output, h, _) = Run(input, h0, null);
        return (output, h);
    }

    /// <summary>A packed batch of variable-length sequences (see <see cref="PackedSequence"/>); h0 and h_n are [L·D, N, H] in the batch's order.</summary>
    public (PackedSequence Output, Tensor H) Forward(PackedSequence input, Tensor? h0 = null)
    {
        var (output, h, _) = RunPacked(input, h0, null);
        return (output, h);
    }
}

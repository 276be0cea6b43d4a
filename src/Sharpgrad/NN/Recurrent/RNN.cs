namespace Sharpgrad.NN;

/// <summary>
/// A multi-layer Elman network (GBC §10.2, eq. 10.8–10.9 without the output layer), PyTorch's <c>nn.RNN</c>:
/// h' = φ(W_ih x + b_ih + W_hh h + b_hh) with φ = tanh or ReLU.
/// </summary>
public sealed class RNN : RecurrentLayer<Tensor?, (Tensor Output, Tensor H)>
{
    public RnnNonlinearity Nonlinearity { get; }

    /// <param name="dropout">dropout probability between layers, training only, with masks drawn from <paramref name="generator"/></param>
    /// <param name="generator">source of the initial weights, U(−1/√H, 1/√H), and of the dropout masks</param>
    public RNN(int inputSize, int hiddenSize, int numLayers = 1, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, bool bias = true,
        bool batchFirst = false, double dropout = 0, bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base(nonlinearity.ToKind(), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, null, dtype, generator)
    {
        Nonlinearity = nonlinearity;
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

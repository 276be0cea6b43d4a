namespace Sharpgrad.NN;

/// <summary>
/// A multi-layer long short-term memory network (GBC §10.10.1, Hochreiter &amp; Schmidhuber 1997), PyTorch's
/// <c>nn.LSTM</c>: gates i, f, g, o, c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'), and with <c>projSize</c> P, h' is further
/// multiplied by W_hr (Sak et al. 2014). Returns the last layer's h for every step and the final (h, c) of every layer
/// and direction.
/// </summary>
public sealed class LSTM : RecurrentLayer<(Tensor H, Tensor C)?, (Tensor Output, (Tensor H, Tensor C) State)>
{
    /// <param name="dropout">dropout probability between layers, training only, with masks drawn from <paramref name="generator"/></param>
    /// <param name="forgetGateBias">sets the forget gate's total bias (b_ih slice to the value, b_hh slice to 0); 1 is GBC §10.10.1's advice</param>
    /// <param name="generator">source of the initial weights, U(−1/√H, 1/√H), and of the dropout masks</param>
    /// <param name="peephole">
    /// adds peephole connections (Gers &amp; Schmidhuber 2000), not in PyTorch: per layer and direction diagonal weights
    /// <c>weight_ci_l{k}</c>, <c>weight_cf_l{k}</c>, <c>weight_co_l{k}</c> [H], registered after PyTorch's parameters and drawn
    /// from the same U(−1/√H, 1/√H); i and f see c_{t−1}, o sees c_t. Such a layer runs the composite gate arithmetic.
    /// </param>
    public LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        bool bidirectional = false, int projSize = 0, double? forgetGateBias = null, DType dtype = DType.Float32, Generator? generator = null,
        bool peephole = false)
        : base(RecurrentKind.Lstm, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, forgetGateBias, dtype, generator,
            peephole)
    {
    }

    protected override (Tensor Output, (Tensor H, Tensor C) State) ForwardCore(Tensor input, (Tensor H, Tensor C)? state)
    {
        var (output, h, c) = Run(input, state?.H, state?.C);
        return (output, (h, c!));
    }

    /// <summary>A packed batch of variable-length sequences (see <see cref="PackedSequence"/>); states are [L·D, N, ·] in the batch's order.</summary>
    public (PackedSequence Output, (Tensor H, Tensor C) State) Forward(PackedSequence input, (Tensor H, Tensor C)? state = null)
    {
        var (output, h, c) = RunPacked(input, state?.H, state?.C);
        return (output, (h, c!));
    }
}

namespace Sharpgrad.NN;

/// <summary>One step of an <see cref="LSTM"/> (PyTorch's <c>nn.LSTMCell</c>): (x, (h, c)) → (h', c').</summary>
public sealed class LSTMCell : RecurrentCell<(Tensor H, Tensor C)?, (Tensor H, Tensor C)>
{
    /// <param name="forgetGateBias">sets the forget gate's total bias (b_ih slice to the value, b_hh slice to 0); 1 is GBC §10.10.1's advice</param>
    /// <param name="generator">source of the initial weights, U(−1/√H, 1/√H)</param>
    public LSTMCell(int inputSize, int hiddenSize, bool bias = true, double? forgetGateBias = null, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentKind.Lstm, inputSize, hiddenSize, bias, forgetGateBias, dtype, generator)
    {
    }

    protected override (Tensor H, Tensor C) ForwardCore(Tensor input, (Tensor H, Tensor C)? state)
    {
        var (h, c) = Run(input, state?.H, state?.C);
        return (h, c!);
    }
}

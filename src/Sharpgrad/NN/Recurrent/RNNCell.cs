namespace Sharpgrad.NN;

/// <summary>One step of an <see cref="RNN"/> (PyTorch's <c>nn.RNNCell</c>): (x, h) → φ(W_ih x + b_ih + W_hh h + b_hh).</summary>
public sealed class RNNCell : RecurrentCell<Tensor?, Tensor>
{
    public RnnNonlinearity Nonlinearity { get; }

    /// <param name="generator">source of the initial weights, U(−1/√H, 1/√H)</param>
    public RNNCell(int inputSize, int hiddenSize, bool bias = true, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh,
        DType dtype = DType.Float32, Generator? generator = null)
        : base(nonlinearity.ToKind(), inputSize, hiddenSize, bias, null, dtype, generator)
    {
        Nonlinearity = nonlinearity;
    }

    protected override Tensor ForwardCore(Tensor input, Tensor? h0) => Run(input, h0, null).H;
}

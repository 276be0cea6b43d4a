namespace Sharpgrad.NN;

/// <summary>One step of a <see cref="GRU"/> (PyTorch's <c>nn.GRUCell</c>): (x, h) → h'.</summary>
public sealed class GRUCell : RecurrentCell<Tensor?, Tensor>
{
    /// <param name="generator">source of the initial weights, U(−1/√H, 1/√H)</param>
    public GRUCell(int inputSize, int hiddenSize, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentKind.Gru, inputSize, hiddenSize, bias, null, dtype, generator)
    {
    }

    protected override Tensor ForwardCore(Tensor input, Tensor? h0) => Run(input, h0, null).H;
}

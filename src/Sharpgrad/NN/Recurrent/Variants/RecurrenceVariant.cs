namespace Sharpgrad.NN;

/// <summary>
/// What the book's single-layer tanh recurrences (<see cref="LeakyRNN"/>, <see cref="SkipRNN"/>) share: an
/// <see cref="RNNCell"/>'s parameters under its names (<c>weight_ih</c> [H, in], <c>weight_hh</c> [H, H], <c>bias_ih</c>,
/// <c>bias_hh</c> [H], initialised from U(−1/√H, 1/√H)), so an RNNCell's state dict loads into them; input [T, N, in],
/// state [N, H] (zeros when missing), output [T, N, H] with h for every step and the last h. The input projection of
/// all T steps is one GEMM; the subclass writes the step that makes it a variant.
/// </summary>
public abstract class RecurrenceVariant : Module<Tensor, Tensor?, (Tensor Output, Tensor H)>, IRecurrentModule
{
    private protected readonly RecurrentWeights weights;
    private readonly DType dtype;

    public int InputSize { get; }
    public int HiddenSize { get; }

    private protected RecurrenceVariant(int inputSize, int hiddenSize, bool bias, DType dtype, Generator? generator)
    {
        string name = GetType().Name;
        RecurrentChecks.Sizes(name, inputSize, hiddenSize);
        RecurrentChecks.DType(name, dtype);
        (InputSize, HiddenSize, this.dtype) = (inputSize, hiddenSize, dtype);
        weights = RecurrentWeights.Register(RegisterParameter, "", RecurrentKind.RnnTanh, inputSize, hiddenSize, 0, bias, dtype);
        RecurrentWeights.Initialise(Parameters(), [weights], hiddenSize, null, generator);
    }

    /// <summary>The whole sequence from a zero state.</summary>
    public (Tensor Output, Tensor H) Forward(Tensor input) => Forward(input, null);

    protected sealed override (Tensor Output, Tensor H) ForwardCore(Tensor input, Tensor? h0)
    {
        string name = GetType().Name;
        if (input.Rank != 3)
            throw new ArgumentException($"{name}: input must be 3-D [T, N, in], got shape {input.Shape}.");
        RecurrentChecks.Input(name, input, 3, "[T, N, in]", InputSize, dtype);
        var h = RecurrentChecks.State(name, "h0", h0, [input.Size(1), HiddenSize], input);
        var states = Unroll(Functional.Linear(input, weights.InputToHidden, weights.InputBias), h);
        return (Tensor.Stack(states), states[^1]);
    }

    /// <summary>The states h_0 … h_{T−1} [N, H] from the projected inputs x_t·W_ihᵀ + b_ih [T, N, H] and h_{−1}.</summary>
    private protected abstract IReadOnlyList<Tensor> Unroll(Tensor projected, Tensor h0);

    /// <summary>Forward FLOPs per row (time step × batch element) beyond the tanh RNN's, for the summary's FLOP count.</summary>
    private protected abstract long ExtraFlopsPerRow { get; }

    long IRecurrentModule.Flops(long rows) => weights.Flops(RecurrentKind.RnnTanh, rows) + rows * ExtraFlopsPerRow;

    protected override string ExtraRepr() => $"{InputSize}, {HiddenSize}{(weights.InputBias is null ? ", bias=False" : "")}";
}

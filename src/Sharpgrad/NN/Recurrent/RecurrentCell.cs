namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="RNNCell"/>, <see cref="LSTMCell"/> and <see cref="GRUCell"/> share (PyTorch's <c>RNNCellBase</c>):
/// one time step, with parameters <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c>; input [N, in]
/// (or [in] unbatched), states [N, H] (or [H]). A missing state is zeros.
/// </summary>
public abstract class RecurrentCell<TState, TResult> : Module<Tensor, TState, TResult>, IRecurrentModule
{
    private readonly RecurrentKind kind;
    private readonly RecurrentWeights weights;

    /// <summary>The parameters' dtype, read from them so that <c>To(dtype)</c> after construction is followed.</summary>
    private DType ParameterDType => weights.InputToHidden.DType;

    public int InputSize { get; }
    public int HiddenSize { get; }
    public bool Bias { get; }

    private protected RecurrentCell(RecurrentKind kind, int inputSize, int hiddenSize, bool bias, double? forgetGateBias, DType dtype, Generator? generator)
    {
        string name = GetType().Name;
        RecurrentChecks.Sizes(name, inputSize, hiddenSize);
        RecurrentChecks.DType(name, dtype);
        RecurrentChecks.ForgetGateBias(name, forgetGateBias, bias);
        (this.kind, InputSize, HiddenSize, Bias) = (kind, inputSize, hiddenSize, bias);
        weights = RecurrentWeights.Register(RegisterParameter, "", kind, inputSize, hiddenSize, 0, bias, dtype);
        RecurrentWeights.Initialise(Parameters(), [weights], hiddenSize, forgetGateBias, generator);
    }

    /// <summary>One step from a zero state.</summary>
    public TResult Forward(Tensor input) => Forward(input, default!);

    private protected (Tensor H, Tensor? C) Run(Tensor input, Tensor? h0, Tensor? c0)
    {
        string name = GetType().Name;
        RecurrentChecks.Input(name, input, 2, "[N, in]", InputSize, ParameterDType);
        int[] shape = input.Rank == 2 ? [input.Size(0), HiddenSize] : [HiddenSize];
        var h = RecurrentChecks.State(name, "h0", h0, shape, input);
        var c = kind == RecurrentKind.Lstm ? RecurrentChecks.State(name, "c0", c0, shape, input) : null;
        return weights.Step(kind, input, h, c);
    }

    long IRecurrentModule.Flops(long rows) => weights.Flops(kind, rows);

    protected override string ExtraRepr() => $"{InputSize}, {HiddenSize}{(Bias ? "" : ", bias=False")}";
}

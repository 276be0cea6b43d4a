namespace Sharpgrad.NN;

/// <summary>
/// The parameters of one layer and direction (or of one cell): W_ih [G·H, in], W_hh [G·H, P or H], b_ih and b_hh
/// [G·H], and for an LSTM with a projection W_hr [P, H]. Registered on the owning module under PyTorch's names with
/// the caller's suffix ("_l0", "_l1_reverse", or "" for a cell), in PyTorch's order. An LSTM with peepholes adds
/// <c>weight_ci</c>, <c>weight_cf</c>, <c>weight_co</c> [H] after them (names of our own: PyTorch has no peepholes).
/// </summary>
internal sealed record RecurrentWeights(Tensor InputToHidden, Tensor HiddenToHidden, Tensor? InputBias, Tensor? HiddenBias, Tensor? Projection,
    Peepholes? Peepholes = null)
{
    public static RecurrentWeights Register(Func<string, Tensor, Tensor> register, string suffix, RecurrentKind kind,
        int inputSize, int hiddenSize, int projSize, bool bias, DType dtype, bool peephole = false)
    {
        int rows = kind.GateCount() * hiddenSize;
        int recurrentSize = projSize > 0 ? projSize : hiddenSize;
        var inputToHidden = register("weight_ih" + suffix, Tensor.Zeros([rows, inputSize], dtype));
        var hiddenToHidden = register("weight_hh" + suffix, Tensor.Zeros([rows, recurrentSize], dtype));
        var inputBias = bias ? register("bias_ih" + suffix, Tensor.Zeros([rows], dtype)) : null;
        var hiddenBias = bias ? register("bias_hh" + suffix, Tensor.Zeros([rows], dtype)) : null;
        var projection = projSize > 0 ? register("weight_hr" + suffix, Tensor.Zeros([projSize, hiddenSize], dtype)) : null;
        var peepholes = peephole
            ? new Peepholes(register("weight_ci" + suffix, Tensor.Zeros([hiddenSize], dtype)), register("weight_cf" + suffix, Tensor.Zeros([hiddenSize], dtype)),
                register("weight_co" + suffix, Tensor.Zeros([hiddenSize], dtype)))
            : null;
        return new RecurrentWeights(inputToHidden, hiddenToHidden, inputBias, hiddenBias, projection, peepholes);
    }

    /// <summary>
    /// PyTorch's <c>reset_parameters</c>: every parameter, in registration order, from U(−1/√H, 1/√H). With
    /// <paramref name="forgetGateBias"/> the LSTM's forget-gate slice of b_ih is set to that value and of b_hh to 0, so the
    /// gate's total bias is exactly the value: 1 starts the cell remembering (GBC §10.10.1, Jozefowicz et al. 2015).
    /// </summary>
    public static void Initialise(IEnumerable<Tensor> parameters, IEnumerable<RecurrentWeights> weights, int hiddenSize,
        double? forgetGateBias, Generator? generator)
    {
        double bound = 1 / Math.Sqrt(hiddenSize);
        foreach (var parameter in parameters) Init.Uniform(parameter, -bound, bound, generator);
        if (forgetGateBias is not { } value) return;
        int start = RecurrentGates.LstmForgetGate * hiddenSize;
        foreach (var w in weights)
        {
            Init.Constant(w.InputBias!.Narrow(0, start, hiddenSize), value);
            Init.Constant(w.HiddenBias!.Narrow(0, start, hiddenSize), 0);
        }
    }

    /// <summary>The next state for one step's input rows [N, in] (or [in]): the two GEMMs, then the gate arithmetic.</summary>
    public (Tensor H, Tensor? C) Step(RecurrentKind kind, Tensor input, Tensor hidden, Tensor? cell)
        => StepProjected(kind, Functional.Linear(input, InputToHidden, InputBias), hidden, cell);

    /// <summary>The next state when the input projection x·W_ihᵀ + b_ih is already computed.</summary>
    public (Tensor H, Tensor? C) StepProjected(RecurrentKind kind, Tensor inputGates, Tensor hidden, Tensor? cell)
        => RecurrentGates.Step(kind, inputGates, Functional.Linear(hidden, HiddenToHidden, HiddenBias), hidden, cell, Projection, Peepholes);

    /// <summary>
    /// Forward FLOPs of <paramref name="rows"/> steps·rows through these weights: 2 per multiply-add of the input and
    /// recurrent GEMMs (and of the projection), 1 per bias element added, 1 per elementwise gate operation
    /// (<see cref="RecurrentGates.ElementwiseOpsPerUnit"/>).
    /// </summary>
    public long Flops(RecurrentKind kind, long rows)
    {
        long gateRows = InputToHidden.Size(0), hiddenSize = gateRows / kind.GateCount();
        long gemms = 2 * gateRows * (InputToHidden.Size(1) + HiddenToHidden.Size(1));
        long biases = (InputBias is null ? 0 : gateRows) + (HiddenBias is null ? 0 : gateRows);
        long projection = Projection is null ? 0 : 2L * Projection.Size(0) * Projection.Size(1);
        long peepholes = Peepholes is null ? 0 : 6 * hiddenSize;   // w ⊙ c and its add, for i, f and o
        return rows * (gemms + biases + projection + peepholes + hiddenSize * kind.ElementwiseOpsPerUnit());
    }
}

namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> share (PyTorch's <c>RNNBase</c>): the options, the
/// parameters <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> (and
/// <c>weight_hr_l{k}</c>), with <c>_reverse</c> for the backward direction, in PyTorch's order, and the shape handling:
/// input [T, N, in] ([N, T, in] with <see cref="BatchFirst"/>, [T, in] unbatched), states [L·D, N, H] ([L·D, H]).
/// </summary>
public abstract class RecurrentLayer<TState, TResult> : Module<Tensor, TState, TResult>, IRecurrentModule, IRecurrentLayer
{
    private readonly RecurrentKind kind;
    private readonly RecurrentWeights[] weights;
    private readonly Generator? generator;

    /// <summary>The parameters' dtype, read from them so that <c>To(dtype)</c> after construction is followed.</summary>
    private DType ParameterDType => weights[0].InputToHidden.DType;

    public int InputSize { get; }
    public int HiddenSize { get; }
    public int NumLayers { get; }
    public bool Bias { get; }
    public bool BatchFirst { get; }

    /// <summary>Dropout probability on the outputs of every layer but the last, applied only while training.</summary>
    public double Dropout { get; }

    public bool Bidirectional { get; }

    /// <summary>An LSTM's projection size P (0: none); the hidden state then has P features and the cell H.</summary>
    public int ProjSize { get; }

    private int Directions => Bidirectional ? 2 : 1;

    /// <summary>Features of the hidden state h: P with a projection, else H.</summary>
    private int StateSize => ProjSize > 0 ? ProjSize : HiddenSize;

    private protected RecurrentLayer(RecurrentKind kind, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst,
        double dropout, bool bidirectional, int projSize, double? forgetGateBias, DType dtype, Generator? generator, bool peephole = false)
    {
        string name = GetType().Name;
        RecurrentChecks.Sizes(name, inputSize, hiddenSize);
        RecurrentChecks.DType(name, dtype);
        RecurrentChecks.ForgetGateBias(name, forgetGateBias, bias);
        if (numLayers < 1) throw new ArgumentException($"{name}: numLayers must be at least 1, got {numLayers}.");
        if (projSize < 0 || projSize >= hiddenSize && projSize != 0)
            throw new ArgumentException($"{name}: projSize must be 0 (none) or in [1, hiddenSize={hiddenSize}), got {projSize}.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentException($"{name}: dropout must be in [0, 1), got {dropout}.");
        (this.kind, this.generator) = (kind, generator);
        (InputSize, HiddenSize, NumLayers, Bias, BatchFirst, Dropout, Bidirectional, ProjSize) =
            (inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize);

        var registered = new List<RecurrentWeights>();
        for (int layer = 0; layer < numLayers; layer++)
            for (int direction = 0; direction < Directions; direction++)
                registered.Add(RecurrentWeights.Register(RegisterParameter, $"_l{layer}{(direction == 1 ? "_reverse" : "")}", kind,
                    layer == 0 ? inputSize : Directions * StateSize, hiddenSize, projSize, bias, dtype, peephole));
        weights = [.. registered];
        RecurrentWeights.Initialise(Parameters(), weights, hiddenSize, forgetGateBias, generator);
    }

    /// <summary>Runs the layer from zero initial states.</summary>
    public TResult Forward(Tensor input) => Forward(input, default!);

    /// <summary>Checks the shapes, moves time first and runs the stack; the results are in the input's layout.</summary>
    private protected (Tensor Output, Tensor H, Tensor? C) Run(Tensor input, Tensor? h0, Tensor? c0)
    {
        string name = GetType().Name;
        RecurrentChecks.Input(name, input, 3, BatchFirst ? "[N, T, in]" : "[T, N, in]", InputSize, ParameterDType);
        bool batched = input.Rank == 3;
        var x = !batched ? input.Unsqueeze(1) : BatchFirst ? input.Transpose(0, 1) : input;
        int states = NumLayers * Directions;
        int[] Shape(int features) => batched ? [states, x.Size(1), features] : [states, features];
        var h = RecurrentChecks.State(name, "h0", h0, Shape(StateSize), input);
        var c = kind == RecurrentKind.Lstm ? RecurrentChecks.State(name, "c0", c0, Shape(HiddenSize), input) : null;
        if (!batched) (h, c) = (h.Unsqueeze(1), c?.Unsqueeze(1));

        var (output, hn, cn) = RecurrentSequence.Run(kind, x, h, c, weights, Bidirectional, Dropout, IsTraining, generator);
        if (!batched) return (output.Squeeze(1), hn.Squeeze(1), cn?.Squeeze(1));
        return (BatchFirst ? output.Transpose(0, 1) : output, hn, cn);
    }

    /// <summary>
    /// Runs the stack over a packed batch: each sequence exactly to its own length. The initial states [L·D, N, ·] and
    /// the final ones are in the batch's original order (the packing's sorted order is applied and undone here, as
    /// PyTorch's <c>permute_hidden</c> does); the final state of each sequence is taken at its last real step, and the
    /// reverse direction starts at each sequence's own end. Unlike <c>Forward(Tensor, …)</c> this overload does not run
    /// the module's forward hooks, which see tensors.
    /// </summary>
    private protected (PackedSequence Output, Tensor H, Tensor? C) RunPacked(PackedSequence input, Tensor? h0, Tensor? c0)
    {
        string name = GetType().Name;
        if (input.Data.Rank != 2)
            throw new ArgumentException($"{name}: packed data must be 2-D [Σ lengths, in], got shape {input.Data.Shape}.");
        RecurrentChecks.Input(name, input.Data, 2, "packed data [Σ lengths, in]", InputSize, ParameterDType);
        int states = NumLayers * Directions, batch = input.BatchCount;
        var h = input.ToSorted(RecurrentChecks.State(name, "h0", h0, [states, batch, StateSize], input.Data), 1);
        var c = kind == RecurrentKind.Lstm ? input.ToSorted(RecurrentChecks.State(name, "c0", c0, [states, batch, HiddenSize], input.Data), 1) : null;
        var (output, hn, cn) = RecurrentSequence.RunPacked(kind, input.Data, input.Sizes, h, c, weights, Bidirectional, Dropout, IsTraining, generator);
        return (input.WithData(output), input.ToOriginal(hn, 1), cn is null ? null : input.ToOriginal(cn, 1));
    }

    long IRecurrentModule.Flops(long rows) => weights.Sum(w => w.Flops(kind, rows));

    protected override string ExtraRepr()
    {
        var text = $"{InputSize}, {HiddenSize}";
        if (ProjSize != 0) text += $", proj_size={ProjSize}";
        if (weights[0].Peepholes is not null) text += ", peephole=True";
        if (NumLayers != 1) text += $", num_layers={NumLayers}";
        if (!Bias) text += ", bias=False";
        if (BatchFirst) text += ", batch_first=True";
        if (Dropout != 0) text += $", dropout={Dropout}";
        if (Bidirectional) text += ", bidirectional=True";
        return text;
    }
}

namespace Sharpgrad.NN;

/// <summary>
/// A recurrent layer (<see cref="LSTM"/>, <see cref="GRU"/> or <see cref="RNN"/>, from zero initial states) as a
/// <c>Module&lt;Tensor, Tensor&gt;</c>, passing on one tensor of its results (<see cref="RecurrentReadout"/>). The layers
/// themselves return (output, state) tuples; this adapter lets them sit in a <see cref="Sequential"/> and be exported
/// to ONNX: <c>new Sequential(new Embedding(V, E), new RecurrentOutput(new LSTM(E, H), RecurrentReadout.LastStep),
/// new Linear(H, C))</c> is a text classifier, and with <see cref="RecurrentReadout.Sequence"/> and a Linear on every
/// step, a sequence tagger. The layer is registered as <c>rnn</c>, so its parameters are <c>rnn.weight_ih_l0</c>, ….
/// </summary>
public sealed class RecurrentOutput : Module<Tensor, Tensor>
{
    private readonly Func<Tensor, (Tensor Output, Tensor H)> run;

    /// <summary>The wrapped LSTM, GRU or RNN.</summary>
    public Module Layer { get; }

    public RecurrentReadout Readout { get; }

    public bool BatchFirst { get; }
    public int NumLayers { get; }
    public bool Bidirectional { get; }

    public RecurrentOutput(LSTM lstm, RecurrentReadout readout = RecurrentReadout.Sequence)
        : this(lstm, readout, x => { var (output, (h, _)) = lstm.Forward(x); return (output, h); }) { }

    public RecurrentOutput(GRU gru, RecurrentReadout readout = RecurrentReadout.Sequence) : this(gru, readout, x => gru.Forward(x)) { }

    public RecurrentOutput(RNN rnn, RecurrentReadout readout = RecurrentReadout.Sequence) : this(rnn, readout, x => rnn.Forward(x)) { }

    private RecurrentOutput(IRecurrentLayer layer, RecurrentReadout readout, Func<Tensor, (Tensor Output, Tensor H)> run)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!Enum.IsDefined(readout))
            throw new ArgumentOutOfRangeException(nameof(readout), readout, "RecurrentOutput: readout must be Sequence, LastStep or FinalHidden.");
        Layer = RegisterModule("rnn", (Module)layer);
        (Readout, this.run) = (readout, run);
        (BatchFirst, NumLayers, Bidirectional) = (layer.BatchFirst, layer.NumLayers, layer.Bidirectional);
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        var (output, h) = run(input);
        bool batched = input.Rank == 3;
        switch (Readout)
        {
            case RecurrentReadout.Sequence:
                return output;
            case RecurrentReadout.LastStep:
                int timeDim = batched && BatchFirst ? 1 : 0;
                return output.Select(timeDim, output.Size(timeDim) - 1);
            default:
                // h_n is [L·D, N, H] ([L·D, H] unbatched), layer-major: the last layer's D states are the last D rows.
                int directions = Bidirectional ? 2 : 1;
                var last = h.Narrow(0, (NumLayers - 1) * directions, directions);
                return batched ? last.Transpose(0, 1).Reshape(last.Size(1), -1) : last.Reshape(-1);
        }
    }

    protected override string ExtraRepr() => $"readout={Readout}";
}

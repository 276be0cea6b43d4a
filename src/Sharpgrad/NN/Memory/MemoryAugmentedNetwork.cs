namespace Sharpgrad.NN.Memory;

/// <summary>
/// The architecture the NTM and the DNC share (Graves et al. 2014 Fig. 1, 2016 Fig. 1; Buduma ch8): a controller (an
/// LSTM, or for the NTM optionally a feed-forward layer, <see cref="ControllerKind"/>) reads the input x_t together with the last step's read vectors r_{t−1}, emits an interface vector ξ_t = W_ξ h_t that
/// drives the memory heads, and the output is y_t = W_y [h_t; r_t], the DNC's υ_t + W_r r_t written as one layer.
/// Subclasses say how ξ_t addresses, writes and reads the memory. Sequences are [T, B, in] → [T, B, out].
/// </summary>
/// <typeparam name="TState">what the subclass carries between steps (memory, weightings, controller state, reads)</typeparam>
public abstract class MemoryAugmentedNetwork<TState> : Module<Tensor, TState?, (Tensor Output, TState State)>
    where TState : class, IMemoryState
{
    private readonly Func<Tensor, (Tensor H, Tensor C), (Tensor H, Tensor C)> controller;
    private readonly Linear interfaceLayer;
    private readonly Linear outputLayer;

    public int InputSize { get; }
    public int OutputSize { get; }
    public int ControllerSize { get; }

    public ControllerKind Controller { get; }

    /// <summary>N, the number of memory cells (rows).</summary>
    public int Cells { get; }

    /// <summary>W, the width of a memory cell.</summary>
    public int CellWidth { get; }

    public int ReadHeads { get; }

    /// <summary>The width of the interface vector ξ the controller emits per step.</summary>
    public int InterfaceSize { get; }

    public DType DType { get; }

    private protected MemoryAugmentedNetwork(int inputSize, int outputSize, int controllerSize, int cells, int cellWidth, int readHeads,
        int interfaceSize, ControllerKind controllerKind, DType dtype, Generator? generator)
    {
        string name = GetType().Name;
        MemoryChecks.Positive(name, ("inputSize", inputSize), ("outputSize", outputSize), ("controllerSize", controllerSize), ("cells", cells),
            ("cellWidth", cellWidth), ("readHeads", readHeads));
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{name}: dtype must be float32 or float64, got {dtype.Name()}.");
        if (!Enum.IsDefined(controllerKind))
            throw new ArgumentException($"{name}: unknown controller kind {(int)controllerKind}; expected Lstm or FeedForward.");
        (InputSize, OutputSize, ControllerSize, Cells, CellWidth, ReadHeads, InterfaceSize, Controller, DType) =
            (inputSize, outputSize, controllerSize, cells, cellWidth, readHeads, interfaceSize, controllerKind, dtype);
        int readWidth = readHeads * cellWidth;
        controller = controllerKind == ControllerKind.Lstm
            ? LstmController(RegisterModule("controller", new LSTMCell(inputSize + readWidth, controllerSize, dtype: dtype, generator: generator)))
            : FeedForwardController(RegisterModule("controller", new Linear(inputSize + readWidth, controllerSize, dtype: dtype, generator: generator)));
        interfaceLayer = RegisterModule("interface", new Linear(controllerSize, interfaceSize, dtype: dtype, generator: generator));
        outputLayer = RegisterModule("output", new Linear(controllerSize + readWidth, outputSize, dtype: dtype, generator: generator));
    }

    /// <summary>The state before the first step for a batch of <paramref name="batch"/> sequences.</summary>
    public abstract TState InitialState(int batch);

    /// <summary>
    /// One step: the controller reads [x; r_{t−1}], its interface vector [B, InterfaceSize] addresses, writes and reads the
    /// memory, and the output [B, OutputSize] (logits) is computed from [h_t; r_t].
    /// </summary>
    public (Tensor Output, TState State) Step(Tensor input, TState? state = null)
    {
        string name = GetType().Name;
        MemoryChecks.Shape(name, "input", input, [-1, InputSize], "[batch, inputSize]");
        int batch = input.Shape[0];
        var previous = state ?? InitialState(batch);
        CheckState(previous, batch);
        var controllerInput = Tensor.Cat([input, previous.Reads.Flatten(1)], dim: 1);
        var (h, c) = controller(controllerInput, previous.Controller);
        var next = Access(interfaceLayer.Forward(h), previous, (h, c));
        var output = outputLayer.Forward(Tensor.Cat([h, next.Reads.Flatten(1)], dim: 1));
        return (output, next);
    }

    /// <summary>Runs <see cref="Step"/> over a sequence [T, B, in]; the outputs are stacked to [T, B, out].</summary>
    protected override (Tensor Output, TState State) ForwardCore(Tensor input, TState? state)
    {
        MemoryChecks.Shape(GetType().Name, "input sequence", input, [-1, -1, InputSize], "[steps, batch, inputSize]");
        var outputs = new Tensor[input.Shape[0]];
        var current = state;
        for (int t = 0; t < outputs.Length; t++) (outputs[t], current) = Step(input.Select(0, t), current);
        return (Tensor.Stack(outputs), current ?? InitialState(input.Shape[1]));
    }

    /// <summary>
    /// Uses the interface vector ξ [B, InterfaceSize] to update the memory and read it; returns the next state holding
    /// the new controller state <paramref name="controllerState"/>.
    /// </summary>
    protected abstract TState Access(Tensor interfaceVector, TState previous, (Tensor H, Tensor C) controllerState);

    /// <summary>Throws, naming the module and the shapes, when a state given by the caller does not fit this module.</summary>
    protected virtual void CheckState(TState state, int batch)
    {
        string name = GetType().Name;
        MemoryChecks.Shape(name, "memory", state.Memory, [batch, Cells, CellWidth], "[batch, cells, cellWidth]");
        MemoryChecks.Shape(name, "read vectors", state.Reads, [batch, ReadHeads, CellWidth], "[batch, readHeads, cellWidth]");
        MemoryChecks.Shape(name, "controller h", state.Controller.H, [batch, ControllerSize], "[batch, controllerSize]");
        MemoryChecks.Shape(name, "controller c", state.Controller.C, [batch, ControllerSize], "[batch, controllerSize]");
    }

    private static Func<Tensor, (Tensor H, Tensor C), (Tensor H, Tensor C)> LstmController(LSTMCell cell) => (x, state) => cell.Forward(x, state);

    /// <summary>h = tanh(W x + b); the previous h is not an input, and c (zeros) is passed on unchanged.</summary>
    private static Func<Tensor, (Tensor H, Tensor C), (Tensor H, Tensor C)> FeedForwardController(Linear layer) => (x, state) => (layer.Forward(x).Tanh(), state.C);

    /// <summary>A zero controller state for <paramref name="batch"/> sequences.</summary>
    protected (Tensor H, Tensor C) ZeroControllerState(int batch) =>
        (Tensor.Zeros([batch, ControllerSize], DType), Tensor.Zeros([batch, ControllerSize], DType));

    protected override string ExtraRepr() =>
        $"input_size={InputSize}, output_size={OutputSize}, controller={Controller}, controller_size={ControllerSize}, cells={Cells}, cell_width={CellWidth}, read_heads={ReadHeads}";
}

namespace Sharpgrad.NN.Memory;

/// <summary>
/// The Neural Turing Machine (Graves, Wayne and Danihelka 2014; GBC §10.12; NYU notes on memory): an LSTM or
/// feed-forward controller (<see cref="ControllerKind"/>) with R read heads and H_w write heads on a memory of N cells of width W. Every head addresses by content (cosine
/// similarity sharpened by β, <see cref="ContentAddressing"/>), interpolates with its previous weighting (gate g), shifts
/// by a soft circular convolution over −S … S and sharpens by γ ≥ 1 (<see cref="LocationAddressing"/>).
/// <para>
/// Order within a step: all heads address the memory of the previous step (one batched call for all of them), the write
/// heads erase and add (<see cref="MemoryAccess.Write"/>), and the read heads read the written memory, so what is
/// written at step t can be read at step t.
/// </para>
/// <para>
/// Initial state, after Collier and Beel (2018, "Implementing Neural Turing Machines"), who found it the stable choice:
/// the memory is the constant 10⁻⁶ (not learned: a learned or random memory made training slower or diverge), the read
/// vectors are learned (<c>read_init</c> [R, W], starting at 0), and every head's weighting starts on cell 0 (a fixed
/// one-hot, where Collier and Beel learn it), so shifts move from a known place.
/// </para>
/// </summary>
public sealed class NTM : MemoryAugmentedNetwork<NTMState>
{
    /// <summary>The initial value of every memory element (Collier and Beel's constant initialisation).</summary>
    public const double InitialMemoryValue = 1e-6;

    private readonly Tensor readInit;

    public int WriteHeads { get; }

    /// <summary>S: the heads shift by −S … S cells.</summary>
    public int ShiftRange { get; }

    /// <param name="inputSize">features of x_t</param>
    /// <param name="outputSize">features of y_t (logits; copy tasks use a sigmoid in the loss)</param>
    /// <param name="controllerSize">hidden size of the LSTM controller</param>
    /// <param name="cells">N, memory rows</param>
    /// <param name="cellWidth">W, memory columns</param>
    /// <param name="shiftRange">S; the paper's copy experiments allow shifts −1, 0, +1</param>
    /// <param name="controller">an LSTM (default) or a feed-forward tanh layer of <paramref name="controllerSize"/> units</param>
    public NTM(int inputSize, int outputSize, int controllerSize = 100, int cells = 128, int cellWidth = 20, int readHeads = 1,
        int writeHeads = 1, int shiftRange = 1, DType dtype = DType.Float32, Generator? generator = null, ControllerKind controller = ControllerKind.Lstm)
        : base(inputSize, outputSize, controllerSize, cells, cellWidth, readHeads,
            NTMHeadParameters.Size(readHeads + Math.Max(writeHeads, 0), Math.Max(writeHeads, 0), cellWidth, Math.Max(shiftRange, 0)),
            controller, dtype, generator)
    {
        MemoryChecks.Positive(nameof(NTM), ("writeHeads", writeHeads));
        if (shiftRange < 0 || 2 * shiftRange + 1 > cells)
            throw new ArgumentException($"NTM: shiftRange S must satisfy 0 ≤ S and 2S + 1 ≤ cells = {cells}, got S = {shiftRange}.");
        (WriteHeads, ShiftRange) = (writeHeads, shiftRange);
        readInit = RegisterParameter("read_init", Tensor.Zeros([readHeads, cellWidth], dtype));
    }

    public override NTMState InitialState(int batch)
    {
        var memory = Tensor.Full([batch, Cells, CellWidth], InitialMemoryValue, DType);
        var reads = readInit.Unsqueeze(0).Expand(batch, ReadHeads, CellWidth);
        return new(memory, FirstCell(batch, ReadHeads), FirstCell(batch, WriteHeads), reads, ZeroControllerState(batch));
    }

    protected override NTMState Access(Tensor interfaceVector, NTMState previous, (Tensor H, Tensor C) controllerState)
    {
        int heads = ReadHeads + WriteHeads;
        var p = NTMHeadParameters.Split(interfaceVector, heads, WriteHeads, CellWidth, ShiftRange);
        var content = ContentAddressing.Weights(previous.Memory, p.Keys, p.Strengths, nameof(NTM));
        var before = Tensor.Cat([previous.ReadWeights, previous.WriteWeights], dim: 1);
        var gated = LocationAddressing.Interpolate(content, before, p.Gates);
        var weights = LocationAddressing.Sharpen(LocationAddressing.Shift(gated, p.Shifts), p.Sharpening);
        var readWeights = weights.Narrow(1, 0, ReadHeads);
        var writeWeights = weights.Narrow(1, ReadHeads, WriteHeads);
        var memory = MemoryAccess.Write(previous.Memory, writeWeights, p.Erase, p.Add);
        return new(memory, readWeights, writeWeights, MemoryAccess.Read(memory, readWeights), controllerState);
    }

    protected override void CheckState(NTMState state, int batch)
    {
        base.CheckState(state, batch);
        MemoryChecks.Shape(nameof(NTM), "read weightings", state.ReadWeights, [batch, ReadHeads, Cells], "[batch, readHeads, cells]");
        MemoryChecks.Shape(nameof(NTM), "write weightings", state.WriteWeights, [batch, WriteHeads, Cells], "[batch, writeHeads, cells]");
    }

    /// <summary>Weightings [B, heads, N] with all mass on cell 0.</summary>
    private Tensor FirstCell(int batch, int heads)
    {
        var oneHot = Tensor.Zeros([Cells], DType);
        using (Autograd.NoGrad()) oneHot.Narrow(0, 0, 1).Fill(1);
        return oneHot.Expand(batch, heads, Cells);
    }

    protected override string ExtraRepr() => base.ExtraRepr() + $", write_heads={WriteHeads}, shift_range={ShiftRange}";
}

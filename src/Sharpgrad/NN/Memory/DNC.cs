namespace Sharpgrad.NN.Memory;

/// <summary>
/// The Differentiable Neural Computer (Graves et al. 2016; Buduma ch8): an LSTM controller with one write head and R
/// read heads on a memory of N cells of width W. Each step follows the paper's Methods in order:
/// <list type="number">
/// <item>split ξ_t (<see cref="DNCInterface"/>);</item>
/// <item>retention ψ_t, usage u_t, allocation a_t from u_t, content weighting c^w_t on M_{t−1}, write weighting w^w_t
/// (<see cref="DynamicAllocation"/>);</item>
/// <item>write M_t = M_{t−1} ∘ (E − w^w eᵀ) + w^w vᵀ (<see cref="MemoryAccess.Write"/>);</item>
/// <item>link L_t from p_{t−1}, then precedence p_t (<see cref="TemporalLinkage"/>);</item>
/// <item>read weightings w^{r,i}_t = π[1] b_t + π[2] c^r_t + π[3] f_t with b, f from w^r_{t−1} and L_t and c^r on M_t;
/// reads r_t = M_tᵀ w^r_t.</item>
/// </list>
/// The state starts at zero everywhere, as in DeepMind's implementation. Before sorting, the usage is mapped to
/// ε + (1 − ε) u with ε = 10⁻⁶ (also DeepMind's), so the product ∏ u never multiplies exact zeros of unused cells.
/// </summary>
public sealed class DNC : MemoryAugmentedNetwork<DNCState>
{
    /// <summary>The floor of the usage seen by the allocation (DeepMind's <c>_EPSILON</c>).</summary>
    public const double UsageEpsilon = 1e-6;

    /// <param name="inputSize">features of x_t</param>
    /// <param name="outputSize">features of y_t (logits)</param>
    /// <param name="controllerSize">hidden size of the LSTM controller</param>
    /// <param name="cells">N, memory rows</param>
    /// <param name="cellWidth">W, memory columns</param>
    /// <param name="readHeads">R</param>
    public DNC(int inputSize, int outputSize, int controllerSize = 64, int cells = 16, int cellWidth = 16, int readHeads = 1,
        DType dtype = DType.Float32, Generator? generator = null)
        : base(inputSize, outputSize, controllerSize, cells, cellWidth, readHeads, DNCInterface.Size(readHeads, cellWidth), ControllerKind.Lstm, dtype, generator)
    {
    }

    public override DNCState InitialState(int batch)
    {
        Tensor Zeros(params int[] shape) => Tensor.Zeros(shape, DType);
        return new(Zeros(batch, Cells, CellWidth), Zeros(batch, Cells), Zeros(batch, Cells, Cells), Zeros(batch, Cells),
            Zeros(batch, ReadHeads, Cells), Zeros(batch, Cells), Zeros(batch, ReadHeads, CellWidth), ZeroControllerState(batch));
    }

    protected override DNCState Access(Tensor interfaceVector, DNCState previous, (Tensor H, Tensor C) controllerState)
    {
        var xi = DNCInterface.Split(interfaceVector, ReadHeads, CellWidth);
        var retention = DynamicAllocation.Retention(xi.FreeGates, previous.ReadWeights);
        var usage = DynamicAllocation.Usage(previous.Usage, previous.WriteWeights, retention);
        var allocation = DynamicAllocation.Allocation(UsageEpsilon + (1 - UsageEpsilon) * usage);
        var writeContent = ContentAddressing.Weights(previous.Memory, xi.WriteKey, xi.WriteStrength, nameof(DNC)).Squeeze(1);
        var write = DynamicAllocation.WriteWeighting(allocation, writeContent, xi.AllocationGate, xi.WriteGate);
        var memory = MemoryAccess.Write(previous.Memory, write.Unsqueeze(1), xi.EraseVector, xi.WriteVector);
        var link = TemporalLinkage.Link(previous.Link, write, previous.Precedence);
        var precedence = TemporalLinkage.Precedence(previous.Precedence, write);
        var backward = TemporalLinkage.Backward(link, previous.ReadWeights);
        var forward = TemporalLinkage.Forward(link, previous.ReadWeights);
        var readContent = ContentAddressing.Weights(memory, xi.ReadKeys, xi.ReadStrengths, nameof(DNC));
        var modes = xi.ReadModes;
        var read = modes.Narrow(-1, 0, 1) * backward + modes.Narrow(-1, 1, 1) * readContent + modes.Narrow(-1, 2, 1) * forward;
        return new(memory, usage, link, precedence, read, write, MemoryAccess.Read(memory, read), controllerState);
    }

    protected override void CheckState(DNCState state, int batch)
    {
        base.CheckState(state, batch);
        MemoryChecks.Shape(nameof(DNC), "usage", state.Usage, [batch, Cells], "[batch, cells]");
        MemoryChecks.Shape(nameof(DNC), "link matrix", state.Link, [batch, Cells, Cells], "[batch, cells, cells]");
        MemoryChecks.Shape(nameof(DNC), "precedence", state.Precedence, [batch, Cells], "[batch, cells]");
        MemoryChecks.Shape(nameof(DNC), "read weightings", state.ReadWeights, [batch, ReadHeads, Cells], "[batch, readHeads, cells]");
        MemoryChecks.Shape(nameof(DNC), "write weighting", state.WriteWeights, [batch, Cells], "[batch, cells]");
    }
}

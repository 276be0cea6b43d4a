using System.Numerics;

namespace Sharpgrad.Backends;

// The recurrent gate primitives' device checks and dtype switch, shared by the host backends: each implements the generic forms.
internal abstract partial class HostBackend
{
    public sealed override void RnnGates(Tensor hidden, Tensor inputGates, Tensor hiddenGates, bool relu)
    {
        RequireOwn("RnnGates", hidden, inputGates, hiddenGates);
        if (hidden.DType == DType.Float32) RnnGates<float>(hidden, inputGates, hiddenGates, relu);
        else RnnGates<double>(hidden, inputGates, hiddenGates, relu);
    }

    public sealed override void RnnGatesBackward(Tensor gradGates, Tensor gradHidden, Tensor hidden, bool relu)
    {
        RequireOwn("RnnGatesBackward", gradGates, gradHidden, hidden);
        if (hidden.DType == DType.Float32) RnnGatesBackward<float>(gradGates, gradHidden, hidden, relu);
        else RnnGatesBackward<double>(gradGates, gradHidden, hidden, relu);
    }

    public sealed override void LstmGates(Tensor state, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor cell)
    {
        RequireOwn("LstmGates", state, saved, inputGates, hiddenGates);
        RequireOwn("LstmGates", cell);
        if (state.DType == DType.Float32) LstmGates<float>(state, saved, inputGates, hiddenGates, cell);
        else LstmGates<double>(state, saved, inputGates, hiddenGates, cell);
    }

    public sealed override void LstmGatesBackward(Tensor gradGates, Tensor gradCell, Tensor gradState, Tensor saved, Tensor cell)
    {
        RequireOwn("LstmGatesBackward", gradGates, gradCell, gradState, saved);
        RequireOwn("LstmGatesBackward", cell);
        if (saved.DType == DType.Float32) LstmGatesBackward<float>(gradGates, gradCell, gradState, saved, cell);
        else LstmGatesBackward<double>(gradGates, gradCell, gradState, saved, cell);
    }

    public sealed override void GruGates(Tensor hidden, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor previous)
    {
        RequireOwn("GruGates", hidden, saved, inputGates, hiddenGates);
        RequireOwn("GruGates", previous);
        if (hidden.DType == DType.Float32) GruGates<float>(hidden, saved, inputGates, hiddenGates, previous);
        else GruGates<double>(hidden, saved, inputGates, hiddenGates, previous);
    }

    public sealed override void GruGatesBackward(Tensor gradInputGates, Tensor gradHiddenGates, Tensor gradPrevious, Tensor gradHidden, Tensor saved,
        Tensor previous)
    {
        RequireOwn("GruGatesBackward", gradInputGates, gradHiddenGates, gradPrevious, gradHidden);
        RequireOwn("GruGatesBackward", saved, previous);
        if (saved.DType == DType.Float32) GruGatesBackward<float>(gradInputGates, gradHiddenGates, gradPrevious, gradHidden, saved, previous);
        else GruGatesBackward<double>(gradInputGates, gradHiddenGates, gradPrevious, gradHidden, saved, previous);
    }

    protected abstract void RnnGates<T>(Tensor hidden, Tensor inputGates, Tensor hiddenGates, bool relu) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void RnnGatesBackward<T>(Tensor gradGates, Tensor gradHidden, Tensor hidden, bool relu) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void LstmGates<T>(Tensor state, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor cell)
        where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void LstmGatesBackward<T>(Tensor gradGates, Tensor gradCell, Tensor gradState, Tensor saved, Tensor cell)
        where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void GruGates<T>(Tensor hidden, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor previous)
        where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void GruGatesBackward<T>(Tensor gradInputGates, Tensor gradHiddenGates, Tensor gradPrevious, Tensor gradHidden, Tensor saved,
        Tensor previous) where T : unmanaged, IFloatingPointIeee754<T>;
}

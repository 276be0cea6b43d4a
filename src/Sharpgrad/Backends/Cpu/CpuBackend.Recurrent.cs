using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// The fused recurrent gates run RecurrentGateKernels, parallel over the batch rows. Every operand is contiguous; a
// tensor of G gate blocks is viewed as [rows, G·H] (Rows), H being the size of its last dim divided by G.
internal sealed partial class CpuBackend
{
    protected override void RnnGates<T>(Tensor hidden, Tensor inputGates, Tensor hiddenGates, bool relu)
    {
        var (rows, width) = Layout(hidden);
        RecurrentGateKernels.Rnn(Of<T>(inputGates, 1), Of<T>(hiddenGates, 1), Of<T>(hidden, 1), rows, width, relu);
    }

    protected override void RnnGatesBackward<T>(Tensor gradGates, Tensor gradHidden, Tensor hidden, bool relu)
    {
        var (rows, width) = Layout(hidden);
        RecurrentGateKernels.RnnBackward(Of<T>(gradGates, 1), Of<T>(gradHidden, 1), Of<T>(hidden, 1), rows, width, relu);
    }

    protected override void LstmGates<T>(Tensor state, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor cell)
    {
        var (rows, width) = Layout(cell);
        RecurrentGateKernels.Lstm(Of<T>(inputGates, 4), Of<T>(hiddenGates, 4), Of<T>(cell, 1), Of<T>(state, 1), Of<T>(saved, 5), rows, width);
    }

    protected override void LstmGatesBackward<T>(Tensor gradGates, Tensor gradCell, Tensor gradState, Tensor saved, Tensor cell)
    {
        var (rows, width) = Layout(cell);
        RecurrentGateKernels.LstmBackward(Of<T>(gradState, 1), Of<T>(saved, 5), Of<T>(cell, 1), Of<T>(gradGates, 4), Of<T>(gradCell, 1), rows, width);
    }

    protected override void GruGates<T>(Tensor hidden, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor previous)
    {
        var (rows, width) = Layout(previous);
        RecurrentGateKernels.Gru(Of<T>(inputGates, 3), Of<T>(hiddenGates, 3), Of<T>(previous, 1), Of<T>(hidden, 1), Of<T>(saved, 4), rows, width);
    }

    protected override void GruGatesBackward<T>(Tensor gradInputGates, Tensor gradHiddenGates, Tensor gradPrevious, Tensor gradHidden, Tensor saved,
        Tensor previous)
    {
        var (rows, width) = Layout(previous);
        RecurrentGateKernels.GruBackward(Of<T>(gradHidden, 1), Of<T>(saved, 4), Of<T>(previous, 1), Of<T>(gradInputGates, 3),
            Of<T>(gradHiddenGates, 3), Of<T>(gradPrevious, 1), rows, width);
    }

    /// <summary>Rows and units of a state [..., H]: H and the product of the other dims (1 for an unbatched [H]).</summary>
    private static (int Rows, int Width) Layout(Tensor state)
    {
        int width = state.shape[^1];
        return (width == 0 ? 0 : state.Count / width, width);
    }

    private static Rows<T> Of<T>(Tensor t, int blocks) where T : unmanaged => new(t.Data<T>(), t.offset, blocks);
}

namespace Sharpgrad.Backends;

// The fused gate arithmetic of one recurrent time step (issue #12), after its two GEMMs: NN/Recurrent/FusedGates.cs
// records each as one autograd node. Every tensor is contiguous, float32 or float64; a gate tensor [N, G·H] holds G row
// blocks of H in PyTorch's order (LSTM i, f, g, o; GRU r, z, n), inputGates = x·W_ihᵀ + b_ih and
// hiddenGates = h·W_hhᵀ + b_hh. The written tensors are fresh and overwritten entirely. "Saved" tensors hold what the
// backward needs, so that it is one pass with no transcendental function.
internal abstract partial class Backend
{
    /// <summary>Elman step (GBC eq. 10.8): hidden [N, H] = φ(inputGates + hiddenGates), φ = tanh, or ReLU when <paramref name="relu"/>.</summary>
    public abstract void RnnGates(Tensor hidden, Tensor inputGates, Tensor hiddenGates, bool relu);

    /// <summary>gradGates [N, H] = gradHidden ⊙ φ′, written in the output y = φ(a): 1 − y² for tanh, [y &gt; 0] for ReLU.</summary>
    public abstract void RnnGatesBackward(Tensor gradGates, Tensor gradHidden, Tensor hidden, bool relu);

    /// <summary>
    /// LSTM step (GBC §10.10.1): i, f, o = σ(·), g = tanh(·) of inputGates + hiddenGates [N, 4H]; c' = f ⊙ c + i ⊙ g,
    /// h' = o ⊙ tanh(c'). Writes state [2, N, H] = (h', c') and saved [N, 5H] = (i, f, g, o, tanh c').
    /// </summary>
    public abstract void LstmGates(Tensor state, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor cell);

    /// <summary>
    /// From gradState [2, N, H] = (∂h', ∂c'): with ∂c* = ∂c' + ∂h' ⊙ o ⊙ (1 − tanh² c'), gradGates [N, 4H] =
    /// (∂c*⊙g⊙i(1−i), ∂c*⊙c⊙f(1−f), ∂c*⊙i⊙(1−g²), ∂h'⊙tanh c'⊙o(1−o)), the gradient of both gate sums, and
    /// gradCell [N, H] = ∂c* ⊙ f.
    /// </summary>
    public abstract void LstmGatesBackward(Tensor gradGates, Tensor gradCell, Tensor gradState, Tensor saved, Tensor cell);

    /// <summary>
    /// GRU step (GBC §10.10.2, PyTorch's placement of b_hn): r, z = σ(·) of the sums of their blocks,
    /// n = tanh(x_n + r ⊙ h_n), h' = (1 − z) ⊙ n + z ⊙ h. Writes hidden [N, H] = h' and saved [N, 4H] = (r, z, n, h_n).
    /// </summary>
    public abstract void GruGates(Tensor hidden, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor previous);

    /// <summary>
    /// From gradHidden [N, H] = ∂h': with ∂n* = ∂h'⊙(1−z)⊙(1−n²), ∂r* = ∂n*⊙h_n⊙r(1−r), ∂z* = ∂h'⊙(h−n)⊙z(1−z),
    /// gradInputGates [N, 3H] = (∂r*, ∂z*, ∂n*), gradHiddenGates [N, 3H] = (∂r*, ∂z*, ∂n*⊙r) and gradPrevious [N, H] = ∂h'⊙z.
    /// </summary>
    public abstract void GruGatesBackward(Tensor gradInputGates, Tensor gradHiddenGates, Tensor gradPrevious, Tensor gradHidden, Tensor saved,
        Tensor previous);
}

using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Connectionist temporal classification (NN/Losses/Ctc.cs). The loss has checked the lengths and labels.
internal abstract partial class Backend
{
    /// <summary>
    /// The CTC loss of every example, −log p(l | x) (Graves et al. 2006), into <paramref name="loss"/> [N], and its
    /// gradient w.r.t. the log-probabilities into <paramref name="gradient"/> [T, N, C], from
    /// <paramref name="logProbs"/> [T, N, C]; all float64 and contiguous. <paramref name="gradient"/> must arrive
    /// zero-filled: frames past an example's input length are not written. An impossible alignment gives loss +∞ and a
    /// NaN gradient, or 0 and 0 with <paramref name="zeroInfinity"/>. Writes loss and gradient.
    /// </summary>
    public abstract void CtcLossAndGradient(Tensor loss, Tensor gradient, Tensor logProbs, CtcExample[] examples, int blank, bool zeroInfinity);
}

namespace Sharpgrad.Backends;

// Batch normalisation primitives (GBC §8.7.1; Ioffe & Szegedy 2015). The op (NN/Normalization/BatchNormalization.cs)
// passes x and g as contiguous [N, C, ...] tensors, float32 or float64: channel c's population is the m = N·S values
// x[n, c, s], S the product of the trailing dims (1 for [N, C]). Per-channel tensors (mean, invStd = 1/√(σ² + ε),
// weight γ, bias β, and the sums written) are [C] of the same dtype; a null weight stands for γ = 1 and a null bias for
// no shift. Written tensors are fresh contiguous ones at offset 0 (checked), overwritten entirely.
// Training a residual network puts a ReLU after most batch norms, often after adding a shortcut (He et al. 2016, Fig. 2):
// the forward can add a residual r (same shape as x, contiguous) and apply the ReLU in its one pass, and the backward
// can take the gradient through that ReLU from its output y, g·[y > 0], folding a whole pass each way into batch norm's.
internal abstract partial class Backend
{
    /// <summary>
    /// The batch statistics: mean[c] = Σ x / m and the biased variance[c] = Σ (x − mean[c])² / m, from the centred
    /// values (a second pass) rather than E[x²] − μ², which cancels catastrophically.
    /// </summary>
    public abstract void BatchNormStatistics(Tensor mean, Tensor variance, Tensor x);

    /// <summary>
    /// y = (x − mean[c])·invStd[c]·γ[c] + β[c]: the normalisation and the affine map; then, when given, + residual
    /// (added after β, as a separate Add would), and with <paramref name="relu"/> max(·, 0).
    /// </summary>
    public abstract void BatchNormForward(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias, Tensor? residual, bool relu);

    /// <summary>
    /// The closed-form backward for the output gradient g, with x̂ = (x − mean)·invStd: gradWeight[c] = Σ g·x̂ and
    /// gradBias[c] = Σ g; and, when <paramref name="gradInput"/> is not null, with batch statistics (which depend on x)
    /// gradInput = γ·invStd·(g − mean(g) − x̂·mean(g·x̂)), the means over the channel's population, else γ·invStd·g.
    /// With <paramref name="reluOutput"/> y (the forward's output through a ReLU) the g above is the gradient through
    /// the ReLU, g·[y &gt; 0] (multiplied by 1 or 0, as ReLU's own backward does), written to
    /// <paramref name="maskedGradient"/> when that is not null (the residual's gradient).
    /// </summary>
    public abstract void BatchNormBackward(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics, Tensor? reluOutput, Tensor? maskedGradient);
}

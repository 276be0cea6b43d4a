namespace Sharpgrad.Backends;

// Batch normalisation primitives (GBC §8.7.1; Ioffe & Szegedy 2015). The op (NN/Normalization/BatchNormalization.cs)
// passes x and g as contiguous [N, C, ...] tensors, float32 or float64: channel c's population is the m = N·S values
// x[n, c, s], S the product of the trailing dims (1 for [N, C]). Per-channel tensors (mean, invStd = 1/√(σ² + ε),
// weight γ, bias β, and the sums written) are [C] of the same dtype; a null weight stands for γ = 1 and a null bias for
// no shift. Written tensors are fresh contiguous ones, overwritten entirely.
internal abstract partial class Backend
{
    /// <summary>
    /// The batch statistics: mean[c] = Σ x / m and the biased variance[c] = Σ (x − mean[c])² / m, from the centred
    /// values (a second pass) rather than E[x²] − μ², which cancels catastrophically.
    /// </summary>
    public abstract void BatchNormStatistics(Tensor mean, Tensor variance, Tensor x);

    /// <summary>y = (x − mean[c])·invStd[c]·γ[c] + β[c]: the normalisation and the affine map.</summary>
    public abstract void BatchNormForward(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias);

    /// <summary>
    /// The closed-form backward for the output gradient g, with x̂ = (x − mean)·invStd: gradWeight[c] = Σ g·x̂ and
    /// gradBias[c] = Σ g; and, when <paramref name="gradInput"/> is not null, with batch statistics (which depend on x)
    /// gradInput = γ·invStd·(g − mean(g) − x̂·mean(g·x̂)), the means over the channel's population, else γ·invStd·g.
    /// </summary>
    public abstract void BatchNormBackward(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics);
}

namespace Sharpgrad.Backends;

// Layer normalisation primitives (Ba et al. 2016, §3.1). The op (NN/Normalization/LayerNormalization.cs) passes x and
// g as contiguous tensors, float32 or float64, read as [R, D]: each of the R rows (the leading dims) is one example's
// D features (the normalized shape). weight γ and bias β are contiguous, D values of x's dtype, null for γ = 1 and
// for no shift.
// The per-row statistics mean and rstd = 1/√(σ² + ε) are [R] float64 tensors at either dtype: float32 input is
// accumulated in float64 and each result rounded once, which keeps float32 gradients within 1e-6 of the exact ones
// (design notes of issue #12). Written tensors are fresh contiguous ones, overwritten entirely.
internal abstract partial class Backend
{
    /// <summary>
    /// Per row: mean = Σ x / D, σ² = Σ (x − mean)² / D (from the centred values, not E[x²] − mean²),
    /// rstd = 1/√(σ² + ε), and y = (x − mean)·rstd·γ + β.
    /// </summary>
    public abstract void LayerNormForward(Tensor y, Tensor mean, Tensor rstd, Tensor x, Tensor? weight, Tensor? bias, int features, double eps);

    /// <summary>
    /// The closed-form backward for the output gradient g, with x̂ = (x − mean)·rstd and gγ = g·γ: when wanted,
    /// gradInput = rstd·(gγ − mean(gγ) − x̂·mean(gγ·x̂)), the means over the row; gradWeight = Σ_rows g·x̂ and
    /// gradBias = Σ_rows g, [D] tensors of x's dtype summed in float64.
    /// </summary>
    public abstract void LayerNormBackward(Tensor? gradInput, Tensor? gradWeight, Tensor? gradBias, Tensor g, Tensor x, Tensor mean, Tensor rstd,
        Tensor? weight, int features);
}

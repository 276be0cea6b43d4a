namespace Sharpgrad.NN;

/// <summary>
/// Layer normalisation (Ba et al. 2016, §3.1) as one recorded op: the input is read as [R, D], R examples of D features
/// (the normalized shape), and the backend's layer-norm primitives (Backends/Backend.LayerNorm.cs) compute each row's
/// mean and 1/σ, the normalisation and affine map, and the closed-form backward, accumulating float32 in float64.
/// </summary>
/// <remarks>
/// The backward is the closed form through the row statistics: with x̂ = (x − μ)/σ and gγ = g·γ,
/// ∂L/∂x = (gγ − mean(gγ) − x̂·mean(gγ·x̂))/σ, ∂L/∂γ = Σ_rows g·x̂, ∂L/∂β = Σ_rows g. When the backward itself is
/// recorded (createGraph), it is written with tensor ops instead, recomputing μ and σ from the input so that it can be
/// differentiated again; that path computes on float64 copies, as the fused one does. float16/bfloat16 inputs are
/// widened to float32 and the result rounded back once (<see cref="HalfPrecision"/>).
/// </remarks>
internal static class LayerNormalization
{
    public static Tensor Forward(string op, Tensor input, int[] normalizedShape, Tensor? weight, Tensor? bias, double eps)
    {
        // float16/bfloat16 as PyTorch's CPU half LayerNorm: widened to float32, computed there, rounded back once.
        if (HalfPrecision.Applies(input, weight, bias))
            return HalfPrecision.ComputeWithOptional(input, weight, bias, (x32, w32, b32) => Forward(op, x32, normalizedShape, w32, b32, eps));
        Device.Of(op, input, weight ?? input, bias ?? input);  // fails on mixed devices
        var x = SavedInput.Of(input, weight);
        int features = ShapeUtil.Count(normalizedShape), rows = ShapeUtil.Count(input.shape.AsSpan(0, input.Rank - normalizedShape.Length));
        var mean = Tensor.Uninitialized(DType.Float64, [rows], x.Device);
        var rstd = Tensor.Uninitialized(DType.Float64, [rows], x.Device);
        var gamma = weight?.Detach().Contiguous();
        var y = Tensor.UninitializedLike(x);
        x.Backend.LayerNormForward(y, mean, rstd, x, gamma, bias?.Detach().Contiguous(), features, eps);

        return AffineNormalizationNode.Record(y, op, input, weight, bias, g => Autograd.IsGradEnabled
            ? RecordedBackwardInFloat64(g, input, normalizedShape, weight, eps)
            : Backward(g.Contiguous(), x, input.RequiresGrad, weight is not null, bias is not null, mean, rstd, gamma, normalizedShape));
    }

    /// <summary>The closed-form backward in one primitive, each gradient only when it is wanted.</summary>
    private static (Tensor? Input, Tensor? Weight, Tensor? Bias) Backward(Tensor g, Tensor x, bool wantInput, bool wantWeight, bool wantBias,
        Tensor mean, Tensor rstd, Tensor? gamma, int[] normalizedShape)
    {
        var dx = wantInput ? Tensor.UninitializedLike(x) : null;
        var dWeight = wantWeight ? Tensor.Uninitialized(x.DType, normalizedShape, x.Device) : null;
        var dBias = wantBias ? Tensor.Uninitialized(x.DType, normalizedShape, x.Device) : null;
        x.Backend.LayerNormBackward(dx, dWeight, dBias, g, x, mean, rstd, gamma, ShapeUtil.Count(normalizedShape));
        return (dx, dWeight, dBias);
    }

    /// <summary>
    /// The recorded backward on float64 copies, cast back through differentiable casts: a float32 chain of ~10 rounded
    /// tensor ops, each amplified by 1/σ, would be less accurate than the fused path, which also computes in float64.
    /// </summary>
    private static (Tensor? Input, Tensor? Weight, Tensor? Bias) RecordedBackwardInFloat64(Tensor g, Tensor input, int[] normalizedShape,
        Tensor? weight, double eps)
    {
        if (input.DType == DType.Float64) return RecordedBackward(g, input, normalizedShape, weight, eps);
        var (dx, dWeight, dBias) = RecordedBackward(g.To(DType.Float64), input.To(DType.Float64), normalizedShape, weight?.To(DType.Float64), eps);
        return (dx?.To(input.DType), dWeight?.To(input.DType), dBias?.To(input.DType));
    }

    /// <summary>The same backward as tensor ops, recorded so that it can be differentiated again.</summary>
    private static (Tensor? Input, Tensor? Weight, Tensor? Bias) RecordedBackward(Tensor g, Tensor input, int[] normalizedShape, Tensor? weight,
        double eps)
    {
        int k = normalizedShape.Length, features = ShapeUtil.Count(normalizedShape);
        int rows = ShapeUtil.Count(input.shape.AsSpan(0, input.Rank - k));
        var dims = Enumerable.Range(input.Rank - k, k).ToArray();
        var (normalized, dx) = AffineNormalizationNode.RecordedBackward(g, input, dims, weight, eps);
        // Σ over the leading dims, as [rows, D] so that a lone example (no leading dims) sums over one row.
        var dWeight = (g * normalized).Reshape(rows, features).Sum(0).Reshape(normalizedShape);
        var dBias = g.Reshape(rows, features).Sum(0).Reshape(normalizedShape);
        return (dx, dWeight, dBias);
    }
}

namespace Sharpgrad.NN;

/// <summary>
/// What batch norm and layer norm share (<see cref="BatchNormalization"/>, <see cref="LayerNormalization"/>): the op is
/// recorded on the input and on γ and β where the layer has them, and its backward through batch or row statistics is
/// one closed form, written here once with tensor ops for the recorded (createGraph) path.
/// </summary>
internal static class AffineNormalizationNode
{
    /// <summary>
    /// Records <paramref name="y"/> as computed from the input, γ and β; <paramref name="backward"/> gives all three
    /// gradients and only those of the tensors present are handed on.
    /// </summary>
    public static Tensor Record(Tensor y, string op, Tensor input, Tensor? weight, Tensor? bias,
        Func<Tensor, (Tensor? Input, Tensor? Weight, Tensor? Bias)> backward)
        => Record(y, op, input, weight, bias, null, g =>
        {
            var (dx, dWeight, dBias) = backward(g);
            return (dx, dWeight, dBias, null);
        });

    /// <summary>
    /// The same, for an op that also adds a <paramref name="residual"/> to its output (batch norm fused with a residual
    /// block's add, <see cref="BatchNormalization"/>), recorded on it as a fourth input when there is one.
    /// </summary>
    public static Tensor Record(Tensor y, string op, Tensor input, Tensor? weight, Tensor? bias, Tensor? residual,
        Func<Tensor, (Tensor? Input, Tensor? Weight, Tensor? Bias, Tensor? Residual)> backward)
    {
        var inputs = new List<Tensor> { input };
        if (weight is not null) inputs.Add(weight);
        if (bias is not null) inputs.Add(bias);
        if (residual is not null) inputs.Add(residual);
        return y.Record(op, [.. inputs], g =>
        {
            var (dx, dWeight, dBias, dResidual) = backward(g);
            var grads = new List<Tensor?> { dx };
            if (weight is not null) grads.Add(dWeight);
            if (bias is not null) grads.Add(dBias);
            if (residual is not null) grads.Add(dResidual);
            return [.. grads];
        });
    }

    /// <summary>
    /// x̂ and ∂L/∂x of normalising over <paramref name="dims"/> with statistics recomputed from the input, as recorded
    /// tensor ops so that the backward can be differentiated again. With x̂ = (x − μ)/σ and gγ = g·γ,
    /// ∂L/∂x = (gγ − mean(gγ) − x̂·mean(gγ·x̂))/σ (Ioffe &amp; Szegedy 2015, §3; Ba et al. 2016, §3.1).
    /// </summary>
    /// <param name="gamma">γ shaped to broadcast against the input, or null for no affine scale</param>
    public static (Tensor Normalized, Tensor InputGradient) RecordedBackward(Tensor g, Tensor input, int[] dims, Tensor? gamma, double eps)
    {
        var centered = input - input.Mean(dims, keepdim: true);
        var r = (centered.Square().Mean(dims, keepdim: true) + eps).Rsqrt();
        var normalized = centered * r;
        var gx = gamma is null ? g : g * gamma;
        var dx = (gx - gx.Mean(dims, keepdim: true) - normalized * (gx * normalized).Mean(dims, keepdim: true)) * r;
        return (normalized, dx);
    }
}

using System.Numerics;

namespace Sharpgrad.Backends;

// The layer-norm primitives' device checks and dtype switch, shared by the host backends: each implements the generic forms.
internal abstract partial class HostBackend
{
    public sealed override void LayerNormForward(Tensor y, Tensor mean, Tensor rstd, Tensor x, Tensor? weight, Tensor? bias, int features, double eps)
    {
        RequireOwn("LayerNormForward", y, mean, rstd, x);
        RequireOwn("LayerNormForward", weight ?? x, bias ?? x);
        if (x.DType == DType.Float32) LayerNormForward<float>(y, mean, rstd, x, weight, bias, features, eps);
        else LayerNormForward<double>(y, mean, rstd, x, weight, bias, features, eps);
    }

    public sealed override void LayerNormBackward(Tensor? gradInput, Tensor? gradWeight, Tensor? gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor rstd, Tensor? weight, int features)
    {
        RequireOwn("LayerNormBackward", g, x, mean, rstd);
        RequireOwn("LayerNormBackward", gradInput ?? x, gradWeight ?? x, gradBias ?? x, weight ?? x);
        if (x.DType == DType.Float32) LayerNormBackward<float>(gradInput, gradWeight, gradBias, g, x, mean, rstd, weight, features);
        else LayerNormBackward<double>(gradInput, gradWeight, gradBias, g, x, mean, rstd, weight, features);
    }

    protected abstract void LayerNormForward<T>(Tensor y, Tensor mean, Tensor rstd, Tensor x, Tensor? weight, Tensor? bias, int features, double eps)
        where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void LayerNormBackward<T>(Tensor? gradInput, Tensor? gradWeight, Tensor? gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor rstd, Tensor? weight, int features) where T : unmanaged, IFloatingPointIeee754<T>;
}

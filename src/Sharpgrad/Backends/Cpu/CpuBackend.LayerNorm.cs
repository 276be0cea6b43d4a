using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// Layer norm runs LayerNormKernel's row passes (parallel over fixed chunks of rows, in float64): one for the forward,
// one for the backward's input gradient together with the partial column sums of ∂L/∂γ and ∂L/∂β.
internal sealed partial class CpuBackend
{
    protected override void LayerNormForward<T>(Tensor y, Tensor mean, Tensor rstd, Tensor x, Tensor? weight, Tensor? bias, int features,
        double eps)
        => LayerNormKernel.Forward(x.Data<T>(), x.offset, y.Data<T>(), mean.Count, features, Widened<T>(weight), Widened<T>(bias), eps, mean.Data<double>(),
            rstd.Data<double>());

    protected override void LayerNormBackward<T>(Tensor? gradInput, Tensor? gradWeight, Tensor? gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor rstd, Tensor? weight, int features)
        => LayerNormKernel.Backward(gradInput?.Data<T>(), gradWeight?.Data<T>(), gradBias?.Data<T>(), g.Data<T>(), g.offset, x.Data<T>(), x.offset,
            mean.Data<double>(), rstd.Data<double>(), Widened<T>(weight), mean.Count, features);

    /// <summary>The elements of a contiguous [D] tensor as float64 (exact), or null; one array, read in place.</summary>
    private static double[]? Widened<T>(Tensor? t) where T : unmanaged, INumber<T>
    {
        if (t is null) return null;
        var source = t.Data<T>().AsSpan(t.offset, t.Count);
        var widened = new double[source.Length];
        for (int i = 0; i < source.Length; i++) widened[i] = double.CreateTruncating(source[i]);
        return widened;
    }
}

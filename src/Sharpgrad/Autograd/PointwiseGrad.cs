using Sharpgrad.Kernels;

namespace Sharpgrad;

/// <summary>
/// The backward of a pointwise function, g ⊙ f′(saved), in one pass over memory (one fused op from ActivationOps).
/// The fused op is not itself differentiable, so when the backward is being recorded (createGraph: double backward,
/// Hessian-vector products) the op's differentiable composite formulation runs instead; both give the same values.
/// </summary>
internal static class PointwiseGrad
{
    /// <param name="saved">the input x, or the output y for functions whose derivative is written in y</param>
    /// <param name="composite">the same gradient from recorded tensor ops, for createGraph</param>
    public static Tensor Of<TF, TD>(Tensor g, Tensor saved, string op, TF f, TD d, Func<Tensor> composite)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
        => Autograd.WillRecord(g, saved) ? composite() : Elementwise.BinaryFloat(g, saved, op, f, d);
}

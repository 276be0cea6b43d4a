using Sharpgrad.Kernels;

namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>softmax(βx) along <paramref name="dim"/>, computed stably; β is the inverse temperature.</summary>
    public Tensor Softmax(int dim = -1, double beta = 1)
    {
        var source = beta == 1 ? this : this * beta;
        var y = source.SoftmaxKernel(dim, log: false, "Softmax");
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Softmax");
        // ∂softmax: J = diag(y) − yyᵀ, so Jᵀg = y ⊙ (g − ⟨g, y⟩)
        return y.Record("Softmax", [source], g => [y * (g - (g * y).Sum(d, keepdim: true))]);
    }

    /// <summary>log softmax(x) along <paramref name="dim"/>; finite even where softmax underflows to 0.</summary>
    public Tensor LogSoftmax(int dim = -1)
    {
        var y = SoftmaxKernel(dim, log: true, "LogSoftmax");
        int d = ShapeUtil.NormalizeDim(dim, Rank, "LogSoftmax");
        return y.Record("LogSoftmax", [this], g => [g - y.Exp() * g.Sum(d, keepdim: true)]);
    }

    private Tensor SoftmaxKernel(int dim, bool log, string op)
    {
        Elementwise.RequireFloat(this, op);
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        var x = Contiguous();
        var y = UninitializedLike(x);
        if (Rank == 0) return log ? ZerosLike(x) : OnesLike(x);
        var (outer, length, inner) = x.AroundDim(d);
        if (DType == DType.Float32) SoftmaxKernels.Softmax(x.Data<float>(), x.offset, outer, length, inner, y.Data<float>(), log);
        else SoftmaxKernels.Softmax(x.Data<double>(), x.offset, outer, length, inner, y.Data<double>(), log);
        return y;
    }
}

namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>softmax(βx) along <paramref name="dim"/>, computed stably; β is the inverse temperature.</summary>
    public Tensor Softmax(int dim = -1, double beta = 1)
    {
        var source = beta == 1 ? this : this * beta;
        var y = source.SoftmaxOf(dim, log: false, "Softmax");
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Softmax");
        return y.Record("Softmax", [source], g => [SoftmaxGradient(y, g, d)]);
    }

    /// <summary>
    /// Jᵀg = y ⊙ (g − ⟨g, y⟩) along <paramref name="dim"/> for the softmax output <paramref name="y"/> (J = diag(y) − yyᵀ):
    /// one backend pass (<see cref="Backends.Backend.SoftmaxBackward"/>) outside the graph, or recorded ops when the
    /// gradient is itself being recorded (createGraph), so that it can be differentiated again, or when g's dtype is not
    /// y's (a float64 gradient into a float32 softmax): the composed ops promote, and give the float64 result they always gave.
    /// </summary>
    internal static Tensor SoftmaxGradient(Tensor y, Tensor g, int dim)
    {
        if (Autograd.WillRecord(g, y) || y.Rank == 0 || g.DType != y.DType) return y * (g - (g * y).Sum(dim, keepdim: true));
        var grad = g.Contiguous();
        var gx = UninitializedLike(y);
        var (outer, length, inner) = y.AroundDim(ShapeUtil.NormalizeDim(dim, y.Rank, "Softmax"));
        y.Backend.SoftmaxBackward(gx, y, grad, outer, length, inner);
        return gx;
    }

    /// <summary>log softmax(x) along <paramref name="dim"/>; finite even where softmax underflows to 0.</summary>
    public Tensor LogSoftmax(int dim = -1)
    {
        var y = SoftmaxOf(dim, log: true, "LogSoftmax");
        int d = ShapeUtil.NormalizeDim(dim, Rank, "LogSoftmax");
        return y.Record("LogSoftmax", [this], g => [g - y.Exp() * g.Sum(d, keepdim: true)]);
    }

    private Tensor SoftmaxOf(int dim, bool log, string op)
    {
        Elementwise.RequireFloat(this, op);
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        var x = Contiguous();
        // A 0-d tensor is a single class: probability 1, log-probability 0.
        if (Rank == 0) return log ? ZerosLike(x) : OnesLike(x);
        var y = UninitializedLike(x);
        var (outer, length, inner) = x.AroundDim(d);
        y.Backend.Softmax(y, x, outer, length, inner, log);
        return y;
    }
}

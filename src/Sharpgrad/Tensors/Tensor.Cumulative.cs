using Sharpgrad.Backends;

namespace Sharpgrad;

// Running ops along a dim: y_j = x_0 ⊕ … ⊕ x_j. Integer and bool tensors are scanned as int64 (as PyTorch). Each
// backward is written with differentiable ops (sums from the end are Flip · CumSum · Flip), so second order works.
public sealed partial class Tensor
{
    /// <summary>Running sums along <paramref name="dim"/>. The gradient is the sum of the incoming gradient from the end.</summary>
    public Tensor CumSum(int dim)
    {
        var (y, d) = Scan(dim, "CumSum", ScanKind.Sum);
        return y.Record("CumSum", [this], g => [g.ReverseCumSum(d)]);
    }

    /// <summary>
    /// Running products along <paramref name="dim"/>. The gradient Σ_{j≥k} g_j ∏_{i≤j, i≠k} x_i is exact where elements
    /// are 0 (it never divides by x unless x has no zeros), as PyTorch's.
    /// </summary>
    public Tensor CumProd(int dim)
    {
        var (y, d) = Scan(dim, "CumProd", ScanKind.Product);
        return y.Record("CumProd", [this], g => [CumProdGrad(this, y, g, d)]);
    }

    /// <summary>
    /// log Σ_{i≤j} exp(x_i) along <paramref name="dim"/>, computed pairwise as max + log1p(e^−|a−b|) so it never overflows;
    /// a run of −∞ stays −∞ (and passes no gradient to those elements).
    /// </summary>
    public Tensor LogCumSumExp(int dim)
    {
        Elementwise.RequireFloat(this, "LogCumSumExp");
        var (y, d) = Scan(dim, "LogCumSumExp", ScanKind.LogSumExp);
        return y.Record("LogCumSumExp", [this], g => [LogCumSumExpGrad(this, y, g, d)]);
    }

    /// <summary>Runs a scan primitive along the normalised dim; returns the result and that dim.</summary>
    private (Tensor Result, int Dim) Scan(int dim, string op, ScanKind kind)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        var x = (DType.IsFloatingPoint() ? this : To(DType.Int64)).Contiguous();
        var (outer, length, inner) = x.LinesAlong(d);
        var y = UninitializedLike(x);
        y.Backend.Scan(y, x, outer, length, inner, kind);
        return (y, d);
    }

    /// <summary>Σ_{i≥j} x_i along dim d: the adjoint of CumSum.</summary>
    private Tensor ReverseCumSum(int d) => Rank == 0 ? this : Flip(d).CumSum(d).Flip(d);

    /// <summary>
    /// CumProd's gradient, by the cheapest exact route. Not recorded (first order): one backend pass, no division.
    /// Recorded (double backward): reverse-cumsum(g·y)/x when x has no zero, else PyTorch's O(n²) formula built from
    /// CumProd itself, one slice of the dim at a time.
    /// </summary>
    private static Tensor CumProdGrad(Tensor x, Tensor y, Tensor g, int d)
    {
        if (!Autograd.WillRecord(x, g))
        {
            var xc = x.Contiguous();
            var gc = g.To(x.DType).Contiguous();
            var (outer, length, inner) = xc.LinesAlong(d);
            var dx = UninitializedLike(xc);
            dx.Backend.CumProdGrad(dx, xc, gc, outer, length, inner);
            return dx;
        }
        bool anyZero;
        using (Autograd.NoGrad()) anyZero = x.Eq(0).Any();
        return anyZero ? CumProdGradWithZeros(x, g, d) : (g * y).ReverseCumSum(d) / x;
    }

    /// <summary>
    /// ∂L/∂x_k = (∏_{i&lt;k} x_i) · Σ_{j≥k} g_j ∏_{k&lt;i≤j} x_i for each k, using only products (no division), so it is
    /// differentiable at zeros. O(n²) work over the dim, used only when the backward itself is recorded.
    /// </summary>
    private static Tensor CumProdGradWithZeros(Tensor x, Tensor g, int d)
    {
        if (x.Rank == 0) return g;
        int n = x.shape[d];
        var ones = OnesLike(x.Narrow(d, 0, 1));
        var before = Cat([ones, x.Narrow(d, 0, n - 1)], d).CumProd(d); // ∏_{i<k} x_i
        var parts = new Tensor[n];
        for (int k = 0; k < n; k++)
        {
            var after = Cat([ones, x.Narrow(d, k + 1, n - k - 1).CumProd(d)], d); // ∏_{k<i≤j} x_i for j = k..n−1
            parts[k] = before.Narrow(d, k, 1) * (g.Narrow(d, k, n - k) * after).Sum(d, keepdim: true);
        }
        return Cat(parts, d);
    }

    /// <summary>
    /// LogCumSumExp's gradient Σ_{j≥k} g_j e^(x_k − y_j), summed in log space separately for the positive and negative
    /// parts of g (PyTorch's formulation, from TensorFlow): exp(x_k + reverse-logcumsumexp(log|g| − y)).
    /// </summary>
    private static Tensor LogCumSumExpGrad(Tensor x, Tensor y, Tensor g, int d)
    {
        // Where y_j = −∞ every x_i up to j is −∞ too, and those terms must vanish rather than give −∞ + ∞.
        var yFinite = Where(y.Eq(double.NegativeInfinity), 0.0, y);
        Tensor Part(Tensor weights)
        {
            var positive = weights.Gt(0);
            // log of the positive weights, −∞ elsewhere; the inner Where keeps Log's own gradient finite at 0.
            var logWeights = Where(positive, Where(positive, weights, 1.0).Log(), double.NegativeInfinity);
            var reversed = (logWeights - yFinite).Flip(d).LogCumSumExp(d).Flip(d);
            return (reversed + x).Exp();
        }
        return Part(g) - Part(-g);
    }
}

namespace Sharpgrad;

// Order statistics and NaN-aware reductions (issue #10). Median, Mode and Quantile pick elements through Gather, so
// their gradients are Gather's (all of it to the picked element); Amax, Amin and the global Median split the gradient
// evenly among tied elements, as PyTorch does.
public sealed partial class Tensor
{
    /// <summary>The max over several dims (all when null or empty); at ties the gradient is split evenly.</summary>
    public Tensor Amax(int[]? dims = null, bool keepdim = false) => Extremes(dims, keepdim, max: true);

    public Tensor Amax(int dim, bool keepdim = false) => Amax([dim], keepdim);

    /// <summary>The min over several dims (all when null or empty); at ties the gradient is split evenly.</summary>
    public Tensor Amin(int[]? dims = null, bool keepdim = false) => Extremes(dims, keepdim, max: false);

    public Tensor Amin(int dim, bool keepdim = false) => Amin([dim], keepdim);

    /// <summary>The lower median of all elements (the ⌊(n−1)/2⌋-th smallest), NaN if any is; ties share the gradient.</summary>
    public Tensor Median()
    {
        if (Count == 0) throw new ArgumentException($"Median: cannot take the median of an empty tensor of shape {ShapeText}.");
        Tensor kept;
        using (Autograd.NoGrad()) kept = Reshape(-1).Median(0).Values.Reshape(Enumerable.Repeat(1, Rank).ToArray());
        return EvenlyShared(kept, AllDims(), keepdim: false, "Median");
    }

    /// <summary>
    /// The lower median along <paramref name="dim"/> and its position; NaN (at the first NaN) where the slice has one.
    /// With ties the position is that of the earliest equal element in sorted order.
    /// </summary>
    public (Tensor Values, Tensor Indices) Median(int dim, bool keepdim = false)
    {
        if (Rank == 0) return Picked(Empty(DType.Int64, [], Device), 0, keepdim);
        var (order, d) = SortedPositions(dim, "Median");
        int n = shape[d];
        var nanCount = IsNan().Long().Sum(d, keepdim: true);
        var rank = Where(nanCount.Gt(0), n - nanCount, (n - 1) / 2);
        return Picked(order.Gather(d, rank), d, keepdim);
    }

    /// <summary>
    /// The most frequent value along <paramref name="dim"/> and its position: the smallest of equally frequent values,
    /// at its last occurrence (PyTorch's CPU rule).
    /// </summary>
    public (Tensor Values, Tensor Indices) Mode(int dim = -1, bool keepdim = false)
    {
        if (Rank == 0) return Picked(Empty(DType.Int64, [], Device), 0, keepdim);
        var (order, d) = SortedPositions(dim, "Mode");
        var rows = order.Transpose(d, -1).Contiguous();
        var values = Detach().Transpose(d, -1).Contiguous();
        if (!values.DType.IsFloatingPoint()) values = values.To(DType.Int64);
        int n = shape[d], count = n == 0 ? 0 : Count / n;
        var mode = Uninitialized(DType.Int64, [.. values.shape[..^1], 1], Device);
        mode.Backend.Mode(mode, values, rows, count, n);
        return Picked(mode.Transpose(d, -1), d, keepdim);
    }

    /// <summary>
    /// Σ over dims (all when null) treating NaN as 0. The gradient is g·[x is not NaN], a product as in PyTorch, so an
    /// infinite g (NanMean of an all-NaN slice) still gives NaN there.
    /// </summary>
    public Tensor NanSum(int[]? dims = null, bool keepdim = false)
    {
        dims ??= AllDims();
        if (!DType.IsFloatingPoint()) return Sum(dims, keepdim);
        Tensor sum;
        using (Autograd.NoGrad()) sum = Where(IsNan(), 0.0, this).Sum(dims, keepdim: true);
        var result = keepdim ? sum : sum.Squeeze(dims);
        return result.Record("NanSum", [this], g => [(keepdim ? g : g.Reshape(sum.shape)) * (1 - IsNan().To(g.DType))]);
    }

    /// <summary>The mean of the elements that are not NaN (NaN where all are).</summary>
    public Tensor NanMean(int[]? dims = null, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "NanMean");
        return NanSum(dims, keepdim) / (1 - IsNan().To(DType)).Sum(dims ?? AllDims(), keepdim);
    }

    /// <summary>(<see cref="Var(int[], bool, bool)"/>, <see cref="Mean(int[], bool)"/>) over the same dims, as torch.var_mean.</summary>
    public (Tensor Var, Tensor Mean) VarMean(int[]? dims = null, bool unbiased = true, bool keepdim = false)
        => (Var(dims, unbiased, keepdim), Mean(dims ?? AllDims(), keepdim));

    public (Tensor Var, Tensor Mean) VarMean(int dim, bool unbiased = true, bool keepdim = false) => VarMean([dim], unbiased, keepdim);

    /// <summary>(<see cref="Std(int[], bool, bool)"/>, <see cref="Mean(int[], bool)"/>) over the same dims, as torch.std_mean.</summary>
    public (Tensor Std, Tensor Mean) StdMean(int[]? dims = null, bool unbiased = true, bool keepdim = false)
        => (Std(dims, unbiased, keepdim), Mean(dims ?? AllDims(), keepdim));

    public (Tensor Std, Tensor Mean) StdMean(int dim, bool unbiased = true, bool keepdim = false) => StdMean([dim], unbiased, keepdim);

    private Tensor Extremes(int[]? dims, bool keepdim, bool max)
    {
        string op = max ? "Amax" : "Amin";
        var reduced = ReductionDims(dims, op);
        // Like PyTorch: an empty tensor reduces to an empty result unless a reduced dim itself is empty (no identity).
        if (reduced.Any(d => shape[d] == 0) || (Rank == 0 && Count == 0))
            throw new ArgumentException($"{op}: cannot reduce over an empty dim of a tensor of shape {ShapeText}.");
        if (Count == 0)
            return Empty(DType, [.. Enumerable.Range(0, Rank).Where(d => keepdim || !reduced.Contains(d)).Select(d => reduced.Contains(d) ? 1 : shape[d])], Device);
        var kept = Detach();
        foreach (var d in reduced) kept = max ? kept.Max(d, keepdim: true).Values : kept.Min(d, keepdim: true).Values;
        return EvenlyShared(kept, reduced, keepdim, op);
    }

    /// <summary>
    /// Records <paramref name="kept"/> (the reduction's values with the reduced dims kept as 1) as a reduction whose
    /// gradient is divided evenly among the elements equal to its value (all NaNs, when the value is NaN).
    /// </summary>
    private Tensor EvenlyShared(Tensor kept, int[] dims, bool keepdim, string op)
    {
        var result = keepdim ? kept : kept.Squeeze(dims);
        return result.Record(op, [this], g =>
        {
            var ties = Where(kept.IsNan(), IsNan(), Eq(kept)).To(g.DType);
            return [(keepdim ? g : g.Reshape(kept.shape)) * ties / ties.Sum(dims, keepdim: true)];
        });
    }

    /// <summary>The stable sorted order along a dim (NaN last; <see cref="ArgSort"/>) and the dim normalised.</summary>
    private (Tensor Order, int Dim) SortedPositions(int dim, string op)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        if (shape[d] == 0) throw new ArgumentException($"{op}: cannot reduce dim {dim} of size 0 (shape {ShapeText}).");
        return (Detach().ArgSort(d), d);
    }

    /// <summary>The elements at <paramref name="positions"/> (size 1 along <paramref name="d"/>), through Gather so they are differentiable.</summary>
    private (Tensor Values, Tensor Indices) Picked(Tensor positions, int d, bool keepdim)
    {
        positions = positions.Contiguous();
        var values = Rank == 0 ? Alias() : Gather(d, positions);
        return keepdim || Rank == 0 ? (values, positions.Reshape(values.Shape)) : (values.Squeeze(d), positions.Squeeze(d));
    }
}

namespace Sharpgrad;

// Sorting and selection along a dim. Every sort is stable: equal keys keep their input order (also when descending),
// and NaN counts as larger than +∞, as PyTorch's stable sort. The values are gathered through the sorted indices, so
// their gradient is Gather's: each incoming gradient goes back to the element it came from (GBC §6.5).
public sealed partial class Tensor
{
    /// <summary>
    /// The elements along <paramref name="dim"/> in ascending (or descending) order, with their original positions.
    /// The sort is always stable; <paramref name="stable"/> is accepted for PyTorch's signature.
    /// </summary>
    public (Tensor Values, Tensor Indices) Sort(int dim = -1, bool descending = false, bool stable = false)
    {
        ShapeUtil.NormalizeDim(dim, Rank, "Sort");
        if (Rank == 0) return Scalars(Reshape(1).Sort(0, descending));
        var indices = ArgSort(dim, descending, stable);
        return (Gather(dim, indices), indices);
    }

    /// <summary>The int64 positions that sort the elements along <paramref name="dim"/> (stable; see <see cref="Sort"/>).</summary>
    public Tensor ArgSort(int dim = -1, bool descending = false, bool stable = false)
    {
        _ = stable; // always stable
        int d = ShapeUtil.NormalizeDim(dim, Rank, "ArgSort");
        var keys = (DType == DType.Bool ? To(DType.Int64) : this).Contiguous();
        var (outer, length, inner) = keys.LinesAlong(d);
        var indices = Uninitialized(DType.Int64, shape, Device);
        indices.Backend.ArgSort(indices, keys, outer, length, inner, descending);
        return indices;
    }

    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/> and their positions. The
    /// result is always sorted (best first); among equal values the earlier position comes first.
    /// </summary>
    public (Tensor Values, Tensor Indices) TopK(int k, int dim = -1, bool largest = true, bool sorted = true)
    {
        _ = sorted; // always sorted
        int size = Rank == 0 ? 1 : shape[ShapeUtil.NormalizeDim(dim, Rank, "TopK")];
        if (k < 0 || k > size)
            throw new ArgumentException($"TopK: k = {k} is out of range for dim {dim} of size {size} (shape {ShapeText}); expected 0..{size}.");
        if (Rank == 0) return k == 1 ? Scalars(Reshape(1).TopK(1, 0, largest)) : Reshape(1).TopK(k, 0, largest);
        var indices = ArgSort(dim, descending: largest).Narrow(dim, 0, k);
        return (Gather(dim, indices), indices);
    }

    /// <summary>
    /// The <paramref name="k"/>-th smallest element (k counts from 1) along <paramref name="dim"/> and its position;
    /// among equal values, the one the stable sort puts in place k.
    /// </summary>
    public (Tensor Values, Tensor Indices) Kthvalue(int k, int dim = -1, bool keepdim = false)
    {
        int size = Rank == 0 ? 1 : shape[ShapeUtil.NormalizeDim(dim, Rank, "Kthvalue")];
        if (k < 1 || k > size)
            throw new ArgumentException($"Kthvalue: k = {k} is out of range for dim {dim} of size {size} (shape {ShapeText}); expected 1..{size}.");
        if (Rank == 0) return Reshape(1).Kthvalue(k, 0);
        var indices = ArgSort(dim).Narrow(dim, k - 1, 1);
        var values = Gather(dim, indices);
        return keepdim ? (values, indices) : (values.Squeeze(dim), indices.Squeeze(dim));
    }

    /// <summary>
    /// The distinct elements in ascending order (or, with <paramref name="dim"/>, the distinct slices along it, in
    /// lexicographic order). Not differentiable, as in PyTorch. The result is always sorted; NaNs are all distinct.
    /// </summary>
    public UniqueResult Unique(bool sorted = true, bool returnInverse = false, bool returnCounts = false, int? dim = null)
    {
        _ = sorted; // always sorted
        var x = Detach();
        int d = dim is { } given ? ShapeUtil.NormalizeDim(given, Rank, "Unique") : 0;
        var rows = dim is null ? x.Reshape(-1) : x.Rank == 0 ? x.Reshape(1) : x.Movedim(d, 0);
        int count = rows.shape[0], width = ShapeUtil.Product(rows.shape, 1, rows.Rank);
        var keys = (rows.DType == DType.Bool ? rows.To(DType.Int64) : rows).Contiguous();
        var order = Uninitialized(DType.Int64, [count], Device);
        var run = Uninitialized(DType.Int64, [count], Device);
        keys.Backend.SortRows(order, run, keys, count, width);
        long[] sortedRows = order.ToArray<long>(), runOf = run.ToArray<long>();
        int runs = count == 0 ? 0 : (int)runOf[^1] + 1;
        var first = new long[runs];
        var counts = new long[runs];
        var inverse = new long[count];
        for (int k = count - 1; k >= 0; k--)
        {
            first[runOf[k]] = sortedRows[k];
            counts[runOf[k]]++;
            inverse[sortedRows[k]] = runOf[k];
        }
        var values = rows.IndexSelect(0, FromHost<long>(first, [runs], Device));
        if (dim is not null && Rank > 0) values = values.Movedim(0, d).Contiguous();
        int[] inverseShape = dim is null ? shape : [count];
        return new UniqueResult(values,
            returnInverse ? FromHost<long>(inverse, [count], Device).Reshape(inverseShape) : null,
            returnCounts ? FromHost<long>(counts, [runs], Device) : null);
    }

    /// <summary>Values and indices of one element, as 0-d tensors (sorting a 0-d tensor gives 0-d results, as PyTorch).</summary>
    private static (Tensor, Tensor) Scalars((Tensor Values, Tensor Indices) one) => (one.Values.Reshape(), one.Indices.Reshape());

    /// <summary>A contiguous tensor read as [outer, length, inner] around dim <paramref name="d"/>; a 0-d tensor is one line of one.</summary>
    private (int Outer, int Length, int Inner) LinesAlong(int d) => Rank == 0 ? (1, 1, 1) : AroundDim(d);
}

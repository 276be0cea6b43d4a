using Sharpgrad.Kernels;

namespace Sharpgrad;

// Counting and searching: which elements are nonzero, how often each integer occurs, where values fall among sorted
// boundaries. The results are int64 positions or counts, so none of these ops has a gradient (as in PyTorch).
public sealed partial class Tensor
{
    /// <summary>The coordinates of the nonzero (true) elements in row-major order, as an int64 [n, rank] tensor (torch.nonzero).</summary>
    public Tensor Nonzero()
    {
        var x = Contiguous();
        var coordinates = DType switch
        {
            DType.Float32 => SearchKernels.Nonzero(ContiguousData<float>(x), shape),
            DType.Float64 => SearchKernels.Nonzero(ContiguousData<double>(x), shape),
            DType.Int64 => SearchKernels.Nonzero(ContiguousData<long>(x), shape),
            _ => SearchKernels.Nonzero(ContiguousData<bool>(x), shape),
        };
        // A 0-d tensor has one element and no coordinates: [1, 0] when it is nonzero, [0, 0] when not (PyTorch).
        int found = Rank == 0 ? (Count == 1 && x.Reshape(1).Ne(0).Any() ? 1 : 0) : coordinates.Length / Rank;
        return FromArray(coordinates, found, Rank);
    }

    /// <summary>
    /// With <paramref name="asTuple"/>, one 1-D int64 tensor per dim holding that coordinate of each nonzero element
    /// (torch.nonzero(as_tuple=True)), ready to index with: <c>x[x.Nonzero(true)]</c>. A 0-d tensor is treated as 1-D.
    /// </summary>
    public Tensor[] Nonzero(bool asTuple)
    {
        if (!asTuple) return [Nonzero()];
        var coordinates = (Rank == 0 ? Reshape(1) : this).Nonzero();
        return [.. Enumerable.Range(0, coordinates.shape[1]).Select(d => coordinates.Select(1, d).Contiguous())];
    }

    /// <summary>
    /// How often each value 0, 1, … occurs in this 1-D non-negative int64 tensor, or the sum of
    /// <paramref name="weights"/> (same length, result in their dtype) at each value (torch.bincount). The result has
    /// max(max + 1, <paramref name="minlength"/>) entries.
    /// </summary>
    public Tensor Bincount(Tensor? weights = null, int minlength = 0)
    {
        if (DType != DType.Int64 || Rank != 1)
            throw new ArgumentException($"Bincount: expects a 1-D int64 tensor of non-negative values, got {DType.Name()} of shape {ShapeText}.");
        if (minlength < 0) throw new ArgumentException($"Bincount: minlength must be non-negative, got {minlength}.");
        var values = ToArray<long>();
        if (values.Any(v => v < 0))
            throw new ArgumentException($"Bincount: expects non-negative values, got {values.Min()}.");
        if (weights is not null && (weights.Rank != 1 || weights.Count != Count))
            throw new ArgumentException($"Bincount: weights must be 1-D with the input's length {Count}, got shape {weights.ShapeText}.");
        int length = (int)Math.Max(values.Length == 0 ? 0 : values.Max() + 1, minlength);
        return weights?.DType switch
        {
            null => FromArray(SearchKernels.Bincount<long>(values, null, length)),
            DType.Float32 => FromArray(SearchKernels.Bincount(values, weights.ToArray<float>(), length)),
            DType.Int64 or DType.Bool => FromArray(SearchKernels.Bincount(values, weights.Double().ToArray<double>(), length)),
            _ => FromArray(SearchKernels.Bincount(values, weights.ToArray<double>(), length)),
        };
    }

    /// <summary>
    /// For each of <paramref name="values"/>, the index at which it would be inserted into
    /// <paramref name="sortedSequence"/> to keep it sorted: the first i with sorted[i] ≥ value, or &gt; value when
    /// <paramref name="right"/> (torch.searchsorted). A 1-D sequence serves values of any shape; an [..., m] sequence
    /// is searched row by row by values [..., k] with the same leading dims. Returns int64 of the values' shape.
    /// </summary>
    public static Tensor SearchSorted(Tensor sortedSequence, Tensor values, bool right = false)
    {
        if (sortedSequence.Rank == 0)
            throw new ArgumentException("SearchSorted: the sorted sequence must have at least one dim, got a 0-d tensor.");
        bool batched = sortedSequence.Rank > 1;
        if (batched && (values.Rank != sortedSequence.Rank || !values.shape[..^1].AsSpan().SequenceEqual(sortedSequence.shape[..^1])))
            throw new ArgumentException($"SearchSorted: a sorted sequence of shape {sortedSequence.ShapeText} needs values with the same leading dims {ShapeUtil.Format(sortedSequence.shape[..^1])}, got {values.ShapeText}.");
        var dtype = DTypeInfo.Promote(sortedSequence.DType, values.DType);
        if (dtype == DType.Bool) dtype = DType.Int64;
        var seq = sortedSequence.To(dtype).Contiguous();
        var v = values.To(dtype).Contiguous();
        int m = seq.shape[^1], perRow = batched ? v.shape[^1] : Math.Max(1, v.Count);
        var positions = dtype switch
        {
            DType.Float32 => SearchKernels.SearchSorted(ContiguousData<float>(seq), m, ContiguousData<float>(v), perRow, right),
            DType.Float64 => SearchKernels.SearchSorted(ContiguousData<double>(seq), m, ContiguousData<double>(v), perRow, right),
            _ => SearchKernels.SearchSorted(ContiguousData<long>(seq), m, ContiguousData<long>(v), perRow, right),
        };
        return FromArray(positions, values.Rank == 0 ? [1] : values.shape).Reshape(values.shape);
    }

    /// <summary>
    /// The bucket of each element among 1-D sorted <paramref name="boundaries"/>: i with boundaries[i−1] &lt; x ≤
    /// boundaries[i], or boundaries[i−1] ≤ x &lt; boundaries[i] when <paramref name="right"/> (torch.bucketize). int64.
    /// </summary>
    public Tensor Bucketize(Tensor boundaries, bool right = false)
    {
        if (boundaries.Rank != 1)
            throw new ArgumentException($"Bucketize: boundaries must be 1-D, got shape {boundaries.ShapeText}.");
        return SearchSorted(boundaries, this, right);
    }
}

namespace Sharpgrad;

// Counting and searching: which elements are nonzero, how often each integer occurs, where values fall among sorted
// boundaries. The results are int64 positions or counts, so none of these ops has a gradient (as in PyTorch).
public sealed partial class Tensor
{
    /// <summary>The coordinates of the nonzero (true) elements in row-major order, as an int64 [n, rank] tensor (torch.nonzero).</summary>
    public Tensor Nonzero()
    {
        // Counted first, so the backend writes into an output of the right size (as a GPU backend must). A 0-d tensor
        // has one element and no coordinates: [1, 0] when it is nonzero, [0, 0] when not (PyTorch).
        int found = (int)Bool().Long().Sum().Item<long>();
        var coordinates = Uninitialized(DType.Int64, [found, Rank], Device);
        coordinates.Backend.Nonzero(coordinates, Contiguous());
        return coordinates;
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
        long smallest = Count == 0 ? 0 : Min().Item<long>();
        if (smallest < 0) throw new ArgumentException($"Bincount: expects non-negative values, got {smallest}.");
        if (weights is not null && (weights.Rank != 1 || weights.Count != Count))
            throw new ArgumentException($"Bincount: weights must be 1-D with the input's length {Count}, got shape {weights.ShapeText}.");
        int length = (int)Math.Max(Count == 0 ? 0 : Max().Item<long>() + 1, minlength);
        var device = weights is null ? Device : Device.Of("Bincount", this, weights);
        // Integer and bool weights are summed as float64, as torch.bincount does.
        var summed = weights is null ? null : (weights.DType.IsFloatingPoint() ? weights : weights.Double()).To(device).Contiguous();
        var counts = Uninitialized(summed?.DType ?? DType.Int64, [length], device);
        counts.Backend.Bincount(counts, Contiguous().To(device), summed);
        return counts;
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
        var device = Device.Of("SearchSorted", sortedSequence, values);
        var seq = sortedSequence.To(dtype).To(device).Contiguous();
        var v = values.To(dtype).To(device).Contiguous();
        var positions = Uninitialized(DType.Int64, values.shape, device);
        positions.Backend.SearchSorted(positions, seq, v, right);
        return positions;
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

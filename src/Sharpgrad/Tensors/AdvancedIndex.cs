namespace Sharpgrad;

/// <summary>
/// Advanced indexing by int64 tensors, with NumPy's and PyTorch's rules: the index tensors broadcast together to a
/// shape B, and a negative entry counts from the end of its dim. The result has B in place of the indexed dims when
/// those are adjacent (<c>x[:, i, j]</c> → [n0, *B, rest]), and B first otherwise (<c>x[i, :, j]</c> → [*B, n1]),
/// because then no single position would be natural. It is computed by moving the indexed dims to the front,
/// flattening them into one dim and picking rows with IndexSelect (or writing them with IndexCopy/IndexAdd), so the
/// gradients are those ops' gradients.
/// </summary>
internal sealed class AdvancedIndex
{
    private readonly int[] order;       // the indexed dims of the view, then the others
    private readonly int indexedDims;   // how many of order's dims are indexed
    private readonly int[] broadcast;   // B
    private readonly int insertAt;      // where B sits in the result
    private readonly Tensor rows;       // [prod B] int64: the row of the flattened indexed dims for each position of B

    private AdvancedIndex(int[] order, int indexedDims, int[] broadcast, int insertAt, Tensor rows)
        => (this.order, this.indexedDims, this.broadcast, this.insertAt, this.rows) = (order, indexedDims, broadcast, insertAt, rows);

    /// <summary>The plan for indexing <paramref name="view"/>'s dims by the given int64 tensors (dims ascending).</summary>
    public static AdvancedIndex Plan(Tensor view, List<(int Dim, Tensor Index)> advanced, string op)
    {
        var b = advanced.Aggregate(Array.Empty<int>(), (s, a) => ShapeUtil.Broadcast(s, a.Index.shape, op));
        var device = view.Device;
        var rows = Tensor.Empty(DType.Int64, [ShapeUtil.Count(b)], device);
        long scale = 1;
        for (int k = advanced.Count - 1; k >= 0; k--)
        {
            var (dim, index) = advanced[k];
            var entries = index.To(Device.Of(op, view, index)).Expand(b).Contiguous();   // an index on another device is an error
            rows.Backend.AddWrappedIndex(rows, entries, view.shape[dim], dim, scale, op);
            scale *= view.shape[dim];
        }
        var dims = advanced.Select(a => a.Dim).ToArray();
        var others = Enumerable.Range(0, view.Rank).Except(dims);
        bool adjacent = dims[^1] - dims[0] == dims.Length - 1;
        return new AdvancedIndex([.. dims, .. others], dims.Length, b, adjacent ? dims[0] : 0, rows);
    }

    /// <summary>view[indices]: the selected elements, shape B with the view's other dims around it.</summary>
    public Tensor Gather(Tensor view)
    {
        var picked = Flatten(view).IndexSelect(0, rows);
        return picked.Reshape([.. broadcast, .. picked.shape[1..]]).Permute(FromBlocks(broadcast.Length, picked.Rank - 1));
    }

    /// <summary>A copy of <paramref name="view"/> with <paramref name="values"/> (broadcast to the selection) written or added at the indices.</summary>
    public Tensor Put(Tensor view, Tensor values, bool accumulate)
    {
        var flat = Flatten(view);
        var restShape = flat.shape[1..];
        var blocks = FromBlocks(broadcast.Length, restShape.Length);
        int[] selection = [.. blocks.Select(d => d < broadcast.Length ? broadcast[d] : restShape[d - broadcast.Length])];
        var toBlocks = new int[blocks.Length];
        for (int i = 0; i < blocks.Length; i++) toBlocks[blocks[i]] = i;
        var source = values.To(view.DType).Expand(selection).Permute(toBlocks).Reshape([rows.Count, .. restShape]);
        var written = accumulate ? flat.IndexAdd(0, rows, source) : flat.IndexCopy(0, rows, source);
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return written.Reshape([.. order.Select(d => view.shape[d])]).Permute(inverse);
    }

    /// <summary>The view with its indexed dims moved to the front and merged into one: [prod of their sizes, rest...].</summary>
    private Tensor Flatten(Tensor view)
    {
        var moved = view.Permute(order);
        int rowsCount = ShapeUtil.Product(moved.shape, 0, indexedDims);
        return moved.Reshape([rowsCount, .. moved.shape[indexedDims..]]);
    }

    /// <summary>The permutation of [B dims, rest dims] that puts the B block at <see cref="insertAt"/>.</summary>
    private int[] FromBlocks(int bRank, int restRank)
        => [.. Enumerable.Range(bRank, insertAt), .. Enumerable.Range(0, bRank), .. Enumerable.Range(bRank + insertAt, restRank - insertAt)];

    /// <summary>
    /// Adds an index tensor that starts at <paramref name="dim"/> of <paramref name="view"/>: an int64 tensor indexes one
    /// dim, a bool mask of rank k indexes k dims and becomes k int64 tensors (its Nonzero). Returns the next dim.
    /// </summary>
    public static int Add(List<(int Dim, Tensor Index)> advanced, Tensor view, int dim, Tensor index, string op)
    {
        if (index.DType == DType.Int64)
        {
            advanced.Add((dim, index));
            return dim + 1;
        }
        if (index.DType != DType.Bool)
            throw new ArgumentException($"{op}: index tensors must be int64 or bool, got {index.DType.Name()} of shape {index.ShapeText}.");
        CheckMask(view, dim, index);
        var device = Device.Of(op, view, index);
        foreach (var coordinate in index.Nonzero(asTuple: true)) advanced.Add((dim++, coordinate.To(device)));
        return dim;
    }

    /// <summary>A bool mask indexes as many dims as it has, and must match their sizes (as PyTorch).</summary>
    private static void CheckMask(Tensor view, int dim, Tensor mask)
    {
        var covered = view.shape.Skip(dim).Take(mask.Rank).ToArray();
        if (!covered.AsSpan().SequenceEqual(mask.shape))
            throw new ArgumentException($"Index: the bool mask of shape {mask.ShapeText} does not match the sizes {ShapeUtil.Format(covered)} of the dims from {dim} it indexes (tensor shape {view.ShapeText}).");
    }

    /// <summary>Turns a list of index tensors (int64, or bool masks indexing several dims) into dims 0, 1, … of <paramref name="self"/>.</summary>
    public static List<(int Dim, Tensor Index)> Leading(Tensor self, Tensor[] indices, string op)
    {
        var advanced = new List<(int, Tensor)>();
        int dim = 0;
        foreach (var index in indices) dim = Add(advanced, self, dim, index, op);
        if (advanced.Count == 0 || dim > self.Rank)
            throw new ArgumentException($"{op}: expected 1 to {self.Rank} index tensors for a tensor of shape {self.ShapeText}, got {dim}.");
        return advanced;
    }
}

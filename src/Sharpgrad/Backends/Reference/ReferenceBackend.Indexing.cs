namespace Sharpgrad.Backends.Reference;

// The indexing primitives as their definitions read (PyTorch's docs of index_select, gather and scatter; GBC §2.1 on
// addressing a tensor's elements by coordinates): walk the positions in row-major order, turn each into coordinates,
// replace the coordinate along dim by the index entry, and move the element there (ElementMoves). Every tensor is
// addressed through its own strides and offset (Tensor.OffsetOf), so any view works. Writes go in row-major order of
// the positions, the order the definitions and the CPU kernels use for repeated indices.
internal sealed partial class ReferenceBackend
{
    /// <summary>y[o, j, i] = x[o, index[j], i]: the entry for output coordinate j along dim is index[j].</summary>
    public override void IndexSelect(Tensor output, Tensor input, int dim, Tensor index)
    {
        RequireOwn("IndexSelect", output, input, index);
        long[] entries = IndexEntries(index, input.shape[dim], dim, "IndexSelect");
        Pick(output, input, dim, p => (int)entries[p[dim]]);
    }

    /// <summary>out[p] = x[p with p[dim] = index[p]]: the entry for output position p is the index's element at p.</summary>
    public override void Gather(Tensor output, Tensor input, int dim, Tensor index)
    {
        RequireOwn("Gather", output, input, index);
        long[] ids = index.Data<long>();
        Pick(output, input, dim, p => InRange(ids[index.OffsetOf(p)], input.shape[dim], dim, "Gather"));
    }

    /// <summary>target[o, index[j], i] += source[o, j, i] (or =): the adjoint of IndexSelect, over the source's positions.</summary>
    public override void IndexAdd(Tensor target, int dim, Tensor index, Tensor source, bool accumulate)
    {
        string op = accumulate ? "IndexAdd" : "IndexCopy";
        RequireOwn(op, target, index, source);
        long[] entries = IndexEntries(index, target.shape[dim], dim, op);
        Put(target, source, source.shape, dim, p => (int)entries[p[dim]], accumulate);
    }

    /// <summary>target[p with p[dim] = index[p]] = source[p] (or +=): the adjoint of Gather, over the index's positions.</summary>
    public override void Scatter(Tensor target, int dim, Tensor index, Tensor source, bool accumulate)
    {
        string op = accumulate ? "ScatterAdd" : "Scatter";
        RequireOwn(op, target, index, source);
        long[] ids = index.Data<long>();
        Put(target, source, index.shape, dim, p => InRange(ids[index.OffsetOf(p)], target.shape[dim], dim, op), accumulate);
    }

    /// <summary>output[p] = input[p with p[dim] = entry(p)], for every output position p.</summary>
    private static void Pick(Tensor output, Tensor input, int dim, Func<int[], int> entry)
    {
        var copy = ElementMoves.Copy(output, input);
        var p = new int[output.Rank];
        for (int i = 0; i < output.Count; i++)
        {
            Coordinates.Of(i, output.shape, p);
            int at = output.OffsetOf(p);
            p[dim] = entry(p);
            copy(at, input.OffsetOf(p));
        }
    }

    /// <summary>target[p with p[dim] = entry(p)] = source[p] (or +=), for every position p of <paramref name="positions"/> in row-major order.</summary>
    private static void Put(Tensor target, Tensor source, int[] positions, int dim, Func<int[], int> entry, bool accumulate)
    {
        var write = accumulate ? ElementMoves.Add(target, source) : ElementMoves.Copy(target, source);
        var p = new int[positions.Length];
        int count = ShapeUtil.Count(positions);
        for (int i = 0; i < count; i++)
        {
            Coordinates.Of(i, positions, p);
            int from = source.OffsetOf(p);
            p[dim] = entry(p);
            write(target.OffsetOf(p), from);
        }
    }

    /// <summary>The entries of a 0-d or 1-D index, each checked to lie in [0, size) before any element is touched.</summary>
    private static long[] IndexEntries(Tensor index, int size, int dim, string op)
    {
        long[] ids = index.Data<long>();
        var at = new ElementOffsets(index);
        var entries = new long[index.Count];
        for (int j = 0; j < entries.Length; j++) entries[j] = InRange(ids[at[j]], size, dim, op);
        return entries;
    }

    /// <summary>An index entry as a coordinate of a dim of <paramref name="size"/>; PyTorch's index ops do not count negative entries from the end.</summary>
    private static int InRange(long entry, int size, int dim, string op) => entry >= 0 && entry < size
        ? (int)entry
        : throw new IndexOutOfRangeException($"{op}: index {entry} is out of range for dim {dim} of size {size}"
            + (entry < 0 ? $" ({op} does not count negative indices from the end, as in PyTorch)." : "."));
}

namespace Sharpgrad;

// Joining tensors along a dim and cutting them into pieces. Cat copies; Split and Chunk return views.
public sealed partial class Tensor
{
    /// <summary>Concatenates along an existing dim; all other dims must match.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Cat: expected at least one tensor.");
        var first = tensors[0];
        if (tensors.Any(t => t.Rank == 0))
            throw new ArgumentException("Cat: zero-dimensional tensors cannot be concatenated; use Stack, or Unsqueeze them first.");
        int d = ShapeUtil.NormalizeDim(dim, first.Rank, "Cat");
        var dtype = tensors.Select(t => t.DType).Aggregate(DTypeInfo.Promote);
        int total = 0;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Rank || Enumerable.Range(0, t.Rank).Any(i => i != d && t.shape[i] != first.shape[i]))
                throw new ArgumentException($"Cat: shapes {string.Join(", ", tensors.Select(x => x.ShapeText))} differ outside dim {d}.");
            total += t.shape[d];
        }
        int[] outShape = first.Shape;
        outShape[d] = total;
        var y = Empty(dtype, outShape);
        var starts = new int[tensors.Count];
        int at = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            starts[i] = at;
            Elementwise.CopyInto(y.Slice(d, at, at + tensors[i].shape[d]), tensors[i]);
            at += tensors[i].shape[d];
        }
        var inputs = tensors.ToArray();
        return y.Record("Cat", inputs, g => inputs.Select((t, i) => (Tensor?)g.Narrow(d, starts[i], t.shape[d]).To(t.DType)).ToArray());
    }

    /// <summary>Joins equally shaped tensors along a new dim.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Stack: expected at least one tensor.");
        foreach (var t in tensors)
            if (!SameShape(t, tensors[0]))
                throw new ArgumentException($"Stack: all tensors must have the same shape, got {string.Join(", ", tensors.Select(x => x.ShapeText))}.");
        int d = ShapeUtil.NormalizeDim(dim, tensors[0].Rank + 1, "Stack");
        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    /// <summary>Pieces of <paramref name="splitSize"/> along <paramref name="dim"/> (the last may be smaller).</summary>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Split");
        if (splitSize < 1) throw new ArgumentException($"Split: split size must be positive, got {splitSize}.");
        var sizes = new List<int>();
        for (int at = 0; at < shape[d]; at += splitSize) sizes.Add(Math.Min(splitSize, shape[d] - at));
        return Split([.. sizes], d);
    }

    /// <summary>Pieces with the given sizes along <paramref name="dim"/>; they must add up to the dim's size.</summary>
    public Tensor[] Split(int[] sizes, int dim = 0)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Split");
        if (sizes.Sum() != shape[d] || sizes.Any(s => s < 0))
            throw new ArgumentException($"Split: sizes [{string.Join(", ", sizes)}] do not add up to dim {d} of size {shape[d]}.");
        var pieces = new Tensor[sizes.Length];
        int start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            pieces[i] = Narrow(d, start, sizes[i]);
            start += sizes[i];
        }
        return pieces;
    }

    /// <summary>At most <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/>.</summary>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks < 1) throw new ArgumentException($"Chunk: number of chunks must be positive, got {chunks}.");
        int n = shape[ShapeUtil.NormalizeDim(dim, Rank, "Chunk")];
        return Split(Math.Max(1, (n + chunks - 1) / chunks), dim);
    }
}

namespace Sharpgrad;

// Shape ops that return views: new shape and strides over the same storage, no copy. Writes through a view
// are visible in its base. Each backward undoes the view on the gradient.
public sealed partial class Tensor
{
    /// <remarks>
    /// A view with no elements reads nothing, so it starts at 0: its nominal offset can lie past the end of the
    /// storage (x.Narrow(0, 3, 0) of a length-3 x), and code that takes a span from the offset would then throw.
    /// </remarks>
    private Tensor ViewOf(int[] newShape, int[] newStrides, int newOffset) =>
        new(storage, newShape, newStrides, newShape.Contains(0) ? 0 : newOffset);

    /// <summary>
    /// Reads the same elements with a new shape (one size may be −1), without copying. Any contiguous tensor can be
    /// viewed; a strided one only where the dims merged or split into one are contiguous with each other (PyTorch).
    /// </summary>
    public Tensor View(params int[] newShape)
    {
        var target = ShapeUtil.InferShape(newShape, Count, "View");
        var viewStrides = IsContiguous ? ShapeUtil.ContiguousStrides(target) : ShapeUtil.ViewStrides(shape, strides, target)
            ?? throw new InvalidOperationException(
                $"View: a tensor of shape {ShapeText} with strides {ShapeUtil.Format(strides)} cannot be viewed as {ShapeUtil.Format(target)}: " +
                "a new dim would span dims that are not contiguous with each other; use Reshape, which copies when needed.");
        var y = ViewOf(target, viewStrides, offset);
        return y.Record("View", [this], g => [g.Reshape(shape)]);
    }

    /// <summary>Like View, but copies first when the tensor is not contiguous.</summary>
    public Tensor Reshape(params int[] newShape) => Contiguous().View(ShapeUtil.InferShape(newShape, Count, "Reshape"));

    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = ShapeUtil.NormalizeDim(startDim, Rank, "Flatten"), e = ShapeUtil.NormalizeDim(endDim, Rank, "Flatten");
        if (s > e) throw new ArgumentException($"Flatten: startDim {startDim} comes after endDim {endDim}.");
        var target = shape[..s].Append(shape[s..(e + 1)].Aggregate(1, (p, d) => p * d)).Concat(shape[(e + 1)..]).ToArray();
        return Reshape(target);
    }

    /// <summary>Reorders the dims; <c>Permute(1, 0)</c> is a transpose.</summary>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Rank)
            throw new ArgumentException($"Permute: expected {Rank} dims for a tensor of shape {ShapeText}, got [{string.Join(", ", dims)}].");
        var order = dims.Select(d => ShapeUtil.NormalizeDim(d, Rank, "Permute")).ToArray();
        if (order.Distinct().Count() != Rank)
            throw new ArgumentException($"Permute: dims [{string.Join(", ", dims)}] repeat a dim.");
        var y = ViewOf(order.Select(d => shape[d]).ToArray(), order.Select(d => strides[d]).ToArray(), offset);
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++) inverse[order[i]] = i;
        return y.Record("Permute", [this], g => [g.Permute(inverse)]);
    }

    public Tensor Transpose(int dim0, int dim1)
    {
        var order = Enumerable.Range(0, Rank).ToArray();
        int a = ShapeUtil.NormalizeDim(dim0, Rank, "Transpose"), b = ShapeUtil.NormalizeDim(dim1, Rank, "Transpose");
        (order[a], order[b]) = (order[b], order[a]);
        return Permute(order);
    }

    /// <summary>The transpose of a matrix (rank ≤ 2), like PyTorch's .T.</summary>
    public Tensor T => Rank < 2 ? this : Rank == 2 ? Transpose(0, 1)
        : throw new InvalidOperationException($"T: expects a tensor of rank ≤ 2, got shape {ShapeText}; use Transpose(dim0, dim1).");

    /// <summary>Inserts a size-1 dim at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank + 1, "Unsqueeze");
        var newShape = shape.ToList();
        var newStrides = strides.ToList();
        newShape.Insert(d, 1);
        newStrides.Insert(d, d < Rank ? strides[d] * shape[d] : 1);
        var y = ViewOf([.. newShape], [.. newStrides], offset);
        return y.Record("Unsqueeze", [this], g => [g.Squeeze(d)]);
    }

    /// <summary>Removes all size-1 dims.</summary>
    public Tensor Squeeze() => Squeeze(Enumerable.Range(0, Rank).Where(d => shape[d] == 1).ToArray());

    /// <summary>Removes the given dims where they have size 1 (others are left alone, as in PyTorch).</summary>
    public Tensor Squeeze(params int[] dims)
    {
        var drop = dims.Select(d => ShapeUtil.NormalizeDim(d, Rank, "Squeeze")).Where(d => shape[d] == 1).ToHashSet();
        if (drop.Count == 0) return this;
        var keep = Enumerable.Range(0, Rank).Where(d => !drop.Contains(d)).ToArray();
        var y = ViewOf(keep.Select(d => shape[d]).ToArray(), keep.Select(d => strides[d]).ToArray(), offset);
        return y.Record("Squeeze", [this], g => [g.Reshape(shape)]);
    }

    /// <summary>Repeats size-1 dims (and new leading dims) without copying, by giving them stride 0. −1 keeps a size.</summary>
    public Tensor Expand(params int[] sizes) => ExpandTo(sizes, "Expand");

    /// <summary>Expand, with errors that name <paramref name="op"/> (Expand or BroadcastTo).</summary>
    private Tensor ExpandTo(int[] sizes, string op)
    {
        if (sizes.Length < Rank)
            throw new ArgumentException($"{op}: target {ShapeUtil.Format(sizes)} has fewer dims than the tensor's shape {ShapeText}.");
        int lead = sizes.Length - Rank;
        var newShape = new int[sizes.Length];
        var newStrides = new int[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            int own = i < lead ? 1 : shape[i - lead];
            int want = sizes[i] == -1 && i >= lead ? own : sizes[i];
            if (want < 0)
                throw new ArgumentException($"{op}: size {sizes[i]} at dim {i} of {ShapeUtil.Format(sizes)} is invalid for shape {ShapeText} (−1 keeps an existing dim; new leading dims need a size).");
            if (own != want && own != 1)
                throw new ArgumentException($"{op}: cannot expand shape {ShapeText} to {ShapeUtil.Format(sizes)} (dim {i}: {own} vs {want}).");
            newShape[i] = want;
            newStrides[i] = i < lead || (own == 1 && want != 1) ? 0 : strides[i - lead];
        }
        if (newShape.AsSpan().SequenceEqual(shape)) return this;
        var y = ViewOf(newShape, newStrides, offset);
        return y.Record("Expand", [this], g => [g.SumTo(shape)]);
    }

    public Tensor ExpandAs(Tensor other) => Expand(other.shape);

    /// <summary>The elements start, start+step, ... below end along <paramref name="dim"/> (Python's a[start:end:step]).</summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Slice");
        if (step < 1) throw new ArgumentException($"Slice: step must be positive, got {step}.");
        int n = shape[d];
        start = Math.Clamp(start < 0 ? start + n : start, 0, n);
        end = Math.Clamp(end < 0 ? end + n : end, start, n);
        int length = (end - start + step - 1) / step;
        int[] newShape = Shape;
        var newStrides = Strides;
        newShape[d] = length;
        newStrides[d] = strides[d] * step;
        var y = ViewOf(newShape, newStrides, offset + start * strides[d]);
        return y.Record("Slice", [this], g => [g.SliceScatterInto(shape, d, start, step)]);
    }

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>; a negative start counts from the end.</summary>
    public Tensor Narrow(int dim, int start, int length)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Narrow");
        int n = shape[d];
        if (start < -n || start > n)
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: start {start} is out of range for dim {dim} of size {n} (shape {ShapeText}; expected {-n}..{n}).");
        int from = start < 0 ? start + n : start;
        if (length < 0 || from + length > n)
            throw new ArgumentOutOfRangeException(nameof(length),
                $"Narrow: range [{from}, {from + length}) is outside dim {dim} of size {n} (shape {ShapeText}).");
        return Slice(d, from, from + length);
    }

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, with that dim removed.</summary>
    public Tensor Select(int dim, int index)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Select");
        int n = shape[d];
        if (index < -n || index >= n)
            throw new IndexOutOfRangeException($"Select: index {index} is out of range for dim {dim} of size {n} (shape {ShapeText}).");
        if (index < 0) index += n;
        return Narrow(d, index, 1).Squeeze(d);
    }

    /// <summary>
    /// The adjoint of Slice: a zero tensor of <paramref name="fullShape"/> with this tensor written into the slice.
    /// Differentiable; its own backward slices again.
    /// </summary>
    internal Tensor SliceScatterInto(int[] fullShape, int dim, int start, int step)
    {
        var y = Empty(DType, fullShape, Device);
        int end = shape[dim] == 0 ? start : start + (shape[dim] - 1) * step + 1;
        Elementwise.CopyInto(y.Slice(dim, start, end, step), this);
        return y.Record("SliceBackward", [this], g => [g.Slice(dim, start, end, step)]);
    }
}

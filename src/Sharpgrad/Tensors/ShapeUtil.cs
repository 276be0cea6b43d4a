namespace Sharpgrad;

/// <summary>Shape arithmetic shared by every op: element counts, strides, dim normalisation and broadcasting.</summary>
internal static class ShapeUtil
{
    public static int Count(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        if (n > Array.MaxLength) throw new ArgumentException($"Tensor: shape {Format(shape)} has {n} elements, more than one buffer can hold.");
        return (int)n;
    }

    /// <summary>The number of elements in dims [from, to) of <paramref name="shape"/>.</summary>
    public static int Product(int[] shape, int from, int to)
    {
        int p = 1;
        for (int d = from; d < to; d++) p *= shape[d];
        return p;
    }

    /// <summary>
    /// The strides of a contiguous row-major tensor of <paramref name="shape"/>: each dim steps over the product of the
    /// sizes after it (a size-0 dim steps as if it had size 1, so the strides stay distinct, as PyTorch's do).
    /// </summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int step = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = step;
            step *= Math.Max(shape[d], 1);
        }
        return strides;
    }

    /// <summary>
    /// Strides that let a tensor of <paramref name="oldShape"/>/<paramref name="oldStrides"/> be read as
    /// <paramref name="newShape"/> without a copy, or null where no such strides exist (PyTorch's computeStride). The old
    /// dims fall into chunks that are contiguous with each other; each chunk can be split or merged freely, but a new dim
    /// may not span two chunks. So a transposed matrix can be split along either dim but not flattened.
    /// </summary>
    public static int[]? ViewStrides(int[] oldShape, int[] oldStrides, int[] newShape)
    {
        if (oldShape.Length == 0) return Enumerable.Repeat(1, newShape.Length).ToArray();
        if (Count(oldShape) == 0) return oldShape.AsSpan().SequenceEqual(newShape) ? oldStrides : ContiguousStrides(newShape);
        var newStrides = new int[newShape.Length];
        int viewDim = newShape.Length - 1;
        long chunkBase = oldStrides[^1], oldCount = 1, newCount = 1;
        for (int d = oldShape.Length - 1; d >= 0; d--)
        {
            oldCount *= oldShape[d];
            bool chunkEnds = d == 0 || (oldShape[d - 1] != 1 && oldStrides[d - 1] != oldCount * chunkBase);
            if (!chunkEnds) continue;
            while (viewDim >= 0 && (newCount < oldCount || newShape[viewDim] == 1))
            {
                newStrides[viewDim] = (int)(newCount * chunkBase);
                newCount *= newShape[viewDim];
                viewDim--;
            }
            if (newCount != oldCount) return null;
            if (d > 0)
            {
                chunkBase = oldStrides[d - 1];
                oldCount = newCount = 1;
            }
        }
        return viewDim == -1 ? newStrides : null;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>Maps a possibly negative dim into [0, rank), or names the op and the valid range.</summary>
    public static int NormalizeDim(int dim, int rank, string op)
    {
        int r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
            throw new ArgumentOutOfRangeException(nameof(dim), $"{op}: dim {dim} is out of range for a tensor of rank {rank} (expected {-r}..{r - 1}).");
        return dim < 0 ? dim + r : dim;
    }

    public static void CheckShape(ReadOnlySpan<int> shape, string op)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"{op}: shape {Format(shape)} has a negative size.");
    }

    /// <summary>NumPy/PyTorch broadcasting: align from the right; each pair of sizes must match or one must be 1.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (dim {i - rank}: {da} vs {db}).");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides that read a tensor of <paramref name="shape"/> as if it had <paramref name="target"/> (0 where broadcast).</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> target)
    {
        var result = new int[target.Length];
        int lead = target.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
            result[lead + i] = shape[i] == 1 && target[lead + i] != 1 ? 0 : strides[i];
        return result;
    }

    /// <summary>Resolves one −1 in a requested shape from the element count, as View/Reshape do.</summary>
    public static int[] InferShape(int[] requested, int count, string op)
    {
        var shape = (int[])requested.Clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"{op}: only one dimension can be -1, got {Format(requested)}.");
                infer = i;
            }
            else if (shape[i] < 0) throw new ArgumentException($"{op}: invalid size {shape[i]} in {Format(requested)}.");
            else known *= shape[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || count % known != 0)
                throw new ArgumentException($"{op}: shape {Format(requested)} is invalid for input of size {count}.");
            shape[infer] = (int)(count / known);
        }
        else if (known != count)
            throw new ArgumentException($"{op}: shape {Format(requested)} is invalid for input of size {count}.");
        return shape;
    }
}

using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Gather/scatter-style copies driven by int64 index tensors. Inputs are contiguous; a dim is addressed by viewing
/// the tensor as [outer, size, inner]. Scatter-adds run sequentially so repeated indices add up in a fixed order.
/// </summary>
internal static class IndexKernels
{
    /// <summary>out[o, j, i] = x[o, index[j], i].</summary>
    public static void IndexSelect<T>(T[] x, int xOffset, int outer, int size, int inner, int dim, long[] index, int indexOffset, int count, T[] output)
        where T : unmanaged
    {
        for (int j = 0; j < count; j++) CheckIndex(index[indexOffset + j], size, dim, "IndexSelect");
        ParallelRange.For(outer * (long)count, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, inner)), (b, e) =>
        {
            for (long r = b; r < e; r++)
            {
                int o = (int)(r / count), j = (int)(r % count);
                long src = index[indexOffset + j];
                x.AsSpan(xOffset + (o * size + (int)src) * inner, inner).CopyTo(output.AsSpan((int)r * inner, inner));
            }
        });
    }

    /// <summary>
    /// target[o, index[j], i] += source[o, j, i] (the adjoint of IndexSelect), or = when not <paramref name="add"/>
    /// (IndexCopy). Sequential, so with repeated indices the sums run in index order and the last copy wins.
    /// </summary>
    public static void IndexAdd<T>(T[] target, int outer, int size, int inner, int dim, long[] index, int indexOffset, int count, T[] source, bool add)
        where T : unmanaged, INumber<T>
    {
        for (int j = 0; j < count; j++) CheckIndex(index[indexOffset + j], size, dim, add ? "IndexAdd" : "IndexCopy");
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
            {
                int at = (o * size + (int)index[indexOffset + j]) * inner, from = (o * count + j) * inner;
                for (int i = 0; i < inner; i++) target[at + i] = add ? target[at + i] + source[from + i] : source[from + i];
            }
    }

    /// <summary>
    /// For every position p of the index tensor (shape <paramref name="indexShape"/>), the offset into a contiguous
    /// tensor of shape <paramref name="dataShape"/> of the element p with p[dim] replaced by index[p].
    /// </summary>
    private static int DataOffset(int linear, int[] indexShape, int[] dataStrides, int dim, long[] index, int dataDimSize, string op)
    {
        int offset = 0, rest = linear;
        for (int d = indexShape.Length - 1; d >= 0; d--)
        {
            int coord = rest % indexShape[d];
            rest /= indexShape[d];
            offset += (d == dim ? (int)CheckIndex(index[linear], dataDimSize, dim, op) : coord) * dataStrides[d];
        }
        return offset;
    }

    /// <summary>out[p] = x[p with p[dim] = index[p]]; x is contiguous, with strides <paramref name="xStrides"/>.</summary>
    public static void Gather<T>(T[] x, int[] xShape, int[] xStrides, int dim, long[] index, int[] indexShape, T[] output) where T : unmanaged
    {
        for (int p = 0; p < output.Length; p++) output[p] = x[DataOffset(p, indexShape, xStrides, dim, index, xShape[dim], "Gather")];
    }

    /// <summary>target[p with p[dim] = index[p]] = source[p] (or += when <paramref name="add"/>); target is contiguous, with strides <paramref name="targetStrides"/>.</summary>
    public static void Scatter<T>(T[] target, int[] targetShape, int[] targetStrides, int dim, long[] index, int[] indexShape, T[] source, int[] sourceStrides, bool add)
        where T : unmanaged, INumber<T>
    {
        for (int p = 0; p < index.Length; p++)
        {
            int at = DataOffset(p, indexShape, targetStrides, dim, index, targetShape[dim], add ? "ScatterAdd" : "Scatter");
            int from = SourceOffset(p, indexShape, sourceStrides);
            target[at] = add ? target[at] + source[from] : source[from];
        }
    }

    /// <summary>The offset in a source of strides <paramref name="sourceStrides"/> of the element at index position p.</summary>
    private static int SourceOffset(int linear, int[] indexShape, int[] sourceStrides)
    {
        int from = 0, rest = linear;
        for (int d = indexShape.Length - 1; d >= 0; d--)
        {
            from += rest % indexShape[d] * sourceStrides[d];
            rest /= indexShape[d];
        }
        return from;
    }

    /// <summary>
    /// Reduces source[p] into target[p with p[dim] = index[p]] with <paramref name="reduce"/>, in index order. Without
    /// <paramref name="includeSelf"/> the first value scattered to a position replaces what was there. A mean divides each
    /// position's total by how many values it received (+1 for itself), with floor division for int64 (as PyTorch).
    /// </summary>
    public static void ScatterReduce<T>(T[] target, int[] targetShape, int[] targetStrides, int dim, long[] index, int[] indexShape, T[] source, int[] sourceStrides,
        ScatterReduction reduce, bool includeSelf) where T : unmanaged, INumber<T>
    {
        var received = new int[target.Length];
        for (int p = 0; p < index.Length; p++)
        {
            int at = DataOffset(p, indexShape, targetStrides, dim, index, targetShape[dim], "ScatterReduce");
            T value = source[SourceOffset(p, indexShape, sourceStrides)];
            target[at] = received[at]++ == 0 && !includeSelf ? value : Combine(target[at], value, reduce);
        }
        if (reduce != ScatterReduction.Mean) return;
        for (int i = 0; i < target.Length; i++)
            if (received[i] > 0) target[i] = FloorDivide(target[i], T.CreateChecked(received[i] + (includeSelf ? 1 : 0)));
    }

    private static T Combine<T>(T current, T value, ScatterReduction reduce) where T : INumber<T> => reduce switch
    {
        ScatterReduction.Prod => current * value,
        // NaN wins a max or min, as PyTorch's scatter_reduce propagates it.
        ScatterReduction.Amax => T.IsNaN(current) || current >= value ? current : value,
        ScatterReduction.Amin => T.IsNaN(current) || current <= value ? current : value,
        _ => current + value,
    };

    private static T FloorDivide<T>(T total, T count) where T : INumber<T>
    {
        T quotient = total / count;
        // Integer division truncates toward zero; PyTorch's integer mean rounds toward −∞.
        return typeof(T) == typeof(long) && total % count != T.Zero && total < T.Zero ? quotient - T.One : quotient;
    }

    /// <summary>Writes the elements of x where mask is true, in row-major order, to output (as long as the mask's true count).</summary>
    public static void MaskedSelect<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> mask, Span<T> output) where T : unmanaged
    {
        int k = 0;
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) output[k++] = x[i];
    }

    /// <summary>Writes source's values, in order, into target where mask is true; the adjoint of MaskedSelect.</summary>
    public static void MaskedScatter<T>(T[] target, bool[] mask, T[] source, int sourceOffset) where T : unmanaged
    {
        int k = sourceOffset;
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) target[i] = source[k++];
    }

    /// <summary>
    /// linear[i] += wrap(index[i])·scale, where wrap counts a negative index from the end of a dim of
    /// <paramref name="size"/> (PyTorch's advanced indexing, IndexPut and IndexFill accept −size..size−1).
    /// </summary>
    public static void AddWrappedIndex(Span<long> linear, ReadOnlySpan<long> index, int size, int dim, long scale, string op)
    {
        for (int i = 0; i < linear.Length; i++) linear[i] += WrapIndex(index[i], size, dim, op) * scale;
    }

    /// <summary>
    /// The smallest and largest label and how many are counted; a label equal to <paramref name="ignoreIndex"/> stands
    /// in as class 0 (so it never fails the range check) and is not counted.
    /// </summary>
    public static (long Lowest, long Highest, int Counted) LabelRange(ReadOnlySpan<long> labels, long? ignoreIndex)
    {
        if (labels.IsEmpty) return (0, 0, 0);
        long lowest = long.MaxValue, highest = long.MinValue;
        int counted = 0;
        foreach (var label in labels)
        {
            bool ignored = label == ignoreIndex;
            long value = ignored ? 0 : label;
            lowest = Math.Min(lowest, value);
            highest = Math.Max(highest, value);
            if (!ignored) counted++;
        }
        return (lowest, highest, counted);
    }

    private static long WrapIndex(long i, int size, int dim, string op) => i >= -size && i < size
        ? (i < 0 ? i + size : i)
        : throw new IndexOutOfRangeException($"{op}: index {i} is out of bounds for dim {dim} of size {size}.");

    private static long CheckIndex(long i, int size, int dim, string op) => i >= 0 && i < size
        ? i
        : throw new IndexOutOfRangeException($"{op}: index {i} is out of range for dim {dim} of size {size}"
            + (i < 0 ? $" ({op} does not count negative indices from the end, as in PyTorch)." : "."));
}

/// <summary>How ScatterReduce combines the values that land on one position (PyTorch's reduce strings).</summary>
internal enum ScatterReduction { Sum, Prod, Mean, Amax, Amin
}

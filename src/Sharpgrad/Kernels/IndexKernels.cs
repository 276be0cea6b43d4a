using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Gather/scatter-style copies driven by int64 index tensors. Inputs are contiguous; a dim is addressed by viewing
/// the tensor as [outer, size, inner]. Scatter-adds run sequentially so repeated indices add up in a fixed order.
/// </summary>
internal static class IndexKernels
{
    /// <summary>out[o, j, i] = x[o, index[j], i].</summary>
    public static void IndexSelect<T>(T[] x, int xOffset, int outer, int size, int inner, long[] index, int indexOffset, int count, T[] output)
        where T : unmanaged
    {
        for (int j = 0; j < count; j++) CheckIndex(index[indexOffset + j], size, "IndexSelect");
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

    /// <summary>target[o, index[j], i] += source[o, j, i]; the adjoint of IndexSelect.</summary>
    public static void IndexAdd<T>(T[] target, int outer, int size, int inner, long[] index, int indexOffset, int count, T[] source)
        where T : unmanaged, INumber<T>
    {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
            {
                long dst = CheckIndex(index[indexOffset + j], size, "IndexAdd");
                int at = (o * size + (int)dst) * inner, from = (o * count + j) * inner;
                for (int i = 0; i < inner; i++) target[at + i] += source[from + i];
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
            offset += (d == dim ? (int)CheckIndex(index[linear], dataDimSize, op) : coord) * dataStrides[d];
        }
        return offset;
    }

    /// <summary>out[p] = x[p with p[dim] = index[p]].</summary>
    public static void Gather<T>(T[] x, int[] xShape, int dim, long[] index, int[] indexShape, T[] output) where T : unmanaged
    {
        var strides = RowMajor.Strides(xShape);
        for (int p = 0; p < output.Length; p++) output[p] = x[DataOffset(p, indexShape, strides, dim, index, xShape[dim], "Gather")];
    }

    /// <summary>target[p with p[dim] = index[p]] = source[p] (or += when <paramref name="add"/>).</summary>
    public static void Scatter<T>(T[] target, int[] targetShape, int dim, long[] index, int[] indexShape, T[] source, int[] sourceStrides, bool add)
        where T : unmanaged, INumber<T>
    {
        var strides = RowMajor.Strides(targetShape);
        int n = RowMajor.Count(indexShape);
        for (int p = 0; p < n; p++)
        {
            int at = DataOffset(p, indexShape, strides, dim, index, targetShape[dim], add ? "ScatterAdd" : "Scatter");
            int from = 0, rest = p;
            for (int d = indexShape.Length - 1; d >= 0; d--)
            {
                from += rest % indexShape[d] * sourceStrides[d];
                rest /= indexShape[d];
            }
            target[at] = add ? target[at] + source[from] : source[from];
        }
    }

    /// <summary>The elements of x where mask is true, in row-major order.</summary>
    public static T[] MaskedSelect<T>(T[] x, bool[] mask) where T : unmanaged
    {
        var selected = new List<T>();
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) selected.Add(x[i]);
        return [.. selected];
    }

    /// <summary>Writes source's values, in order, into target where mask is true; the adjoint of MaskedSelect.</summary>
    public static void MaskedScatter<T>(T[] target, bool[] mask, T[] source, int sourceOffset) where T : unmanaged
    {
        int k = sourceOffset;
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) target[i] = source[k++];
    }

    private static long CheckIndex(long i, int size, string op) => i >= 0 && i < size
        ? i
        : throw new IndexOutOfRangeException($"{op}: index {i} is out of range for a dim of size {size}.");
}

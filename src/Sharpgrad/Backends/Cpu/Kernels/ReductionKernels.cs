using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// Reductions over the middle axis of a contiguous block viewed as [outer, length, inner]: out[o, i] = ⊕_r x[o, r, i].
/// Any reduction over a set of dims is brought to this form by the op layer. Long rows (inner = 1) are summed in
/// fixed blocks that are combined in order, so the result is bitwise the same for every thread count.
/// </summary>
internal static class ReductionKernels
{
    private const int Block = 4096;

    public static void Sum<T>(T[] x, int offset, int outer, int length, int inner, T[] output) where T : unmanaged, INumber<T>
    {
        if (inner == 1)
        {
            if (outer == 1)
            {
                output[0] = SumLongRow(x, offset, length);
                return;
            }
            ParallelRange.For(outer, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, length)), (b, e) =>
            {
                for (long o = b; o < e; o++) output[o] = SumRow(x.AsSpan(offset + (int)o * length, length));
            });
            return;
        }
        ParallelRange.For(outer, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, (long)length * inner)), (b, e) =>
        {
            for (long o = b; o < e; o++)
            {
                var acc = output.AsSpan((int)o * inner, inner);
                acc.Clear();
                var vacc = MemoryMarshal.Cast<T, Vector<T>>(acc);
                int tail = vacc.Length * Vector<T>.Count;
                for (int r = 0; r < length; r++)
                {
                    var row = x.AsSpan(offset + ((int)o * length + r) * inner, inner);
                    var vrow = MemoryMarshal.Cast<T, Vector<T>>(row);
                    for (int v = 0; v < vacc.Length; v++) vacc[v] += vrow[v];
                    for (int i = tail; i < inner; i++) acc[i] += row[i];
                }
            }
        });
    }

    /// <summary>One long row: fixed blocks summed in parallel, then added up in block order.</summary>
    private static T SumLongRow<T>(T[] x, int offset, int length) where T : unmanaged, INumber<T>
    {
        int blocks = (length + Block - 1) / Block;
        if (blocks <= 1) return SumRow(x.AsSpan(offset, length));
        var partial = new T[blocks];
        ParallelRange.ForChunks(blocks, c =>
        {
            int start = c * Block;
            partial[c] = SumRow(x.AsSpan(offset + start, Math.Min(Block, length - start)));
        });
        T total = T.Zero;
        foreach (var p in partial) total += p;
        return total;
    }

    private static T SumRow<T>(ReadOnlySpan<T> row) where T : unmanaged, INumber<T>
    {
        var vectors = MemoryMarshal.Cast<T, Vector<T>>(row);
        Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero;
        int v = 0;
        for (; v + 1 < vectors.Length; v += 2)
        {
            a0 += vectors[v];
            a1 += vectors[v + 1];
        }
        if (v < vectors.Length) a0 += vectors[v];
        T sum = Vector.Sum(a0 + a1);
        for (int i = vectors.Length * Vector<T>.Count; i < row.Length; i++) sum += row[i];
        return sum;
    }

    public static void Prod<T>(T[] x, int offset, int outer, int length, int inner, T[] output) where T : unmanaged, INumber<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                T p = T.One;
                for (int r = 0; r < length; r++) p *= x[offset + (o * length + r) * inner + i];
                output[o * inner + i] = p;
            }
    }

    /// <summary>
    /// Max (or min) and the index of its first occurrence along the reduced axis. NaN wins, as in PyTorch,
    /// so a NaN in the data is never silently hidden by a reduction.
    /// </summary>
    public static void ArgExtreme<T>(T[] x, int offset, int outer, int length, int inner, bool max, T[] values, long[] indices)
        where T : unmanaged, INumber<T>
    {
        ParallelRange.For(outer, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, (long)length * inner)), (b, e) =>
        {
            for (long o = b; o < e; o++)
                for (int i = 0; i < inner; i++)
                {
                    int start = offset + (int)o * length * inner + i;
                    T best = x[start];
                    long at = 0;
                    for (int r = 1; r < length && !T.IsNaN(best); r++)
                    {
                        T v = x[start + r * inner];
                        if (T.IsNaN(v) || (max ? v > best : v < best))
                        {
                            best = v;
                            at = r;
                        }
                    }
                    values[o * inner + i] = best;
                    indices[o * inner + i] = at;
                }
        });
    }
}

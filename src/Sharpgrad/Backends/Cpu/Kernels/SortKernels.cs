using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Sorting along the middle axis of a contiguous block read as [outer, length, inner]: each of the outer·inner lines
/// is sorted on its own, so lines can run on any thread and the result never depends on the thread count.
/// </summary>
internal static class SortKernels
{
    /// <summary>
    /// indices[o, r, i] = the position in line (o, i) of its r-th element in sorted order. The sort is stable (equal
    /// keys keep their input order, also when descending) and NaN counts as larger than +∞, as in PyTorch, so NaNs
    /// come last ascending and first descending.
    /// </summary>
    public static void ArgSort<T>(T[] x, int offset, int outer, int length, int inner, bool descending, long[] indices)
        where T : unmanaged, INumber<T>
    {
        long lines = (long)outer * inner;
        ParallelRange.For(lines, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, length)), (begin, end) =>
        {
            var keys = new T[length];
            var order = new int[length];
            Comparison<int> compare = (p, q) =>
            {
                int c = Compare(keys[p], keys[q]);
                // Ties are broken by position, which makes Array.Sort (an unstable introsort) stable.
                return c != 0 ? (descending ? -c : c) : p.CompareTo(q);
            };
            for (long line = begin; line < end; line++)
            {
                int start = (int)(line / inner) * length * inner + (int)(line % inner);
                for (int r = 0; r < length; r++)
                {
                    keys[r] = x[offset + start + r * inner];
                    order[r] = r;
                }
                Array.Sort(order, compare);
                for (int r = 0; r < length; r++) indices[start + r * inner] = order[r];
            }
        });
    }

    /// <summary>
    /// Sorts the rows of a contiguous [rows, width] block lexicographically (stably) and numbers the runs of equal
    /// rows: <c>Order[k]</c> is the row in sorted place k and <c>Run[k]</c> the index of its run. Rows are equal when
    /// every element is ==, so a NaN is never equal to anything and forms a run of its own (as torch.unique).
    /// </summary>
    public static (int[] Order, int[] Run, int Runs) SortedRuns<T>(T[] x, int offset, int rows, int width)
        where T : unmanaged, INumber<T>
    {
        var order = Enumerable.Range(0, rows).ToArray();
        Array.Sort(order, (p, q) =>
        {
            for (int j = 0; j < width; j++)
            {
                int c = Compare(x[offset + p * width + j], x[offset + q * width + j]);
                if (c != 0) return c;
            }
            return p.CompareTo(q);
        });
        var run = new int[rows];
        int runs = rows == 0 ? 0 : 1;
        for (int k = 1; k < rows; k++)
        {
            if (!RowsEqual(x, offset, width, order[k - 1], order[k])) runs++;
            run[k] = runs - 1;
        }
        return (order, run, runs);
    }

    private static bool RowsEqual<T>(T[] x, int offset, int width, int p, int q) where T : unmanaged, INumber<T>
    {
        for (int j = 0; j < width; j++)
            if (x[offset + p * width + j] != x[offset + q * width + j]) return false;
        return true;
    }

    /// <summary>A total order on numbers with NaN above +∞ and all NaNs equal.</summary>
    private static int Compare<T>(T a, T b) where T : INumber<T>
    {
        bool aNaN = T.IsNaN(a), bNaN = T.IsNaN(b);
        if (aNaN || bNaN) return aNaN.CompareTo(bNaN);
        return a < b ? -1 : a > b ? 1 : 0;
    }
}

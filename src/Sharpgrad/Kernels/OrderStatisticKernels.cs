using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Orderings of the rows of a contiguous [rows, n] block, for the order statistics (median, mode, quantiles). Each row
/// is sorted by (value, position) with NaN after every number, so equal values keep their input order (a stable
/// sort) and the result never depends on the sort algorithm or on the thread count: rows are independent.
/// </summary>
internal static class OrderStatisticKernels
{
    /// <summary>order[r·n + k] = the position in row r of its k-th smallest element.</summary>
    public static void ArgSortRows<T>(T[] data, int offset, int rows, int n, long[] order) where T : unmanaged, INumber<T>
        => ParallelRange.For(rows, Math.Max(1, 4096 / Math.Max(n, 1)), (begin, end) =>
        {
            var positions = new int[n];
            for (long r = begin; r < end; r++)
            {
                int start = offset + (int)r * n;
                for (int i = 0; i < n; i++) positions[i] = i;
                Array.Sort(positions, (i, j) => Compare(data[start + i], data[start + j], i, j));
                for (int k = 0; k < n; k++) order[r * n + k] = positions[k];
            }
        });

    /// <summary>
    /// The position of each row's mode, given the row orders from <see cref="ArgSortRows"/>: the most frequent value,
    /// the smallest one when several are equally frequent, at its last occurrence (PyTorch's CPU mode).
    /// </summary>
    public static void ModeRows<T>(T[] data, int offset, int rows, int n, long[] order, long[] mode) where T : unmanaged, INumber<T>
    {
        for (int r = 0; r < rows; r++)
        {
            int start = offset + r * n, best = 0, run = 0;
            long bestPosition = 0;
            for (int k = 0; k < n; k++)
            {
                run++;
                bool runEnds = k == n - 1 || !Same(data[start + (int)order[r * n + k]], data[start + (int)order[r * n + k + 1]]);
                if (!runEnds) continue;
                if (run > best) (best, bestPosition) = (run, order[r * n + k]);
                run = 0;
            }
            mode[r] = bestPosition;
        }
    }

    private static int Compare<T>(T a, T b, int i, int j) where T : unmanaged, INumber<T>
    {
        bool aNaN = T.IsNaN(a), bNaN = T.IsNaN(b);
        int byValue = aNaN || bNaN ? aNaN.CompareTo(bNaN) : a.CompareTo(b);
        return byValue != 0 ? byValue : i.CompareTo(j);
    }

    private static bool Same<T>(T a, T b) where T : unmanaged, INumber<T> => a == b || (T.IsNaN(a) && T.IsNaN(b));
}

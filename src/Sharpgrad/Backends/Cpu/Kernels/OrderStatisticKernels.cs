using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The mode of each row of a contiguous [rows, n] block, read off the row's stable sorted order (Tensor.ArgSort: equal
/// values keep their input order, NaN after every number), so the result never depends on the thread count.
/// </summary>
internal static class OrderStatisticKernels
{
    /// <summary>
    /// The position of each row's mode, given each row's stable sorted order: the most frequent value,
    /// the smallest one when several are equally frequent, at its last occurrence (PyTorch's CPU mode).
    /// </summary>
    public static void ModeRows<T>(T[] data, int offset, int rows, int n, ReadOnlySpan<long> order, Span<long> mode) where T : unmanaged, INumber<T>
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

    private static bool Same<T>(T a, T b) where T : unmanaged, INumber<T> => a == b || (T.IsNaN(a) && T.IsNaN(b));
}

using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>Counting and searching over contiguous data: nonzero coordinates, bin counts and binary search. No gradients.</summary>
internal static class SearchKernels
{
    /// <summary>The row-major coordinates of the nonzero elements of a contiguous tensor of shape <paramref name="shape"/>, as an [n, rank] array.</summary>
    public static long[] Nonzero<T>(T[] x, int[] shape) where T : unmanaged, IEquatable<T>
    {
        var found = new List<long>();
        var coordinate = new long[shape.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (!x[i].Equals(default)) found.AddRange(coordinate);
            for (int d = shape.Length - 1; d >= 0 && ++coordinate[d] == shape[d]; d--) coordinate[d] = 0;
        }
        return [.. found];
    }

    /// <summary>counts[v] += weight of each value v (1 without weights), in input order.</summary>
    public static T[] Bincount<T>(long[] values, T[]? weights, int length) where T : unmanaged, INumber<T>
    {
        var counts = new T[length];
        for (int i = 0; i < values.Length; i++) counts[values[i]] += weights is null ? T.One : weights[i];
        return counts;
    }

    /// <summary>
    /// For each value, the first position in its row of <paramref name="sorted"/> (rows of length m) whose element is
    /// ≥ the value (&gt; with <paramref name="right"/>): where it would be inserted to keep the row sorted. Row r of values searches row r of sorted, or the single row when there is one.
    /// </summary>
    public static long[] SearchSorted<T>(T[] sorted, int m, T[] values, int perRow, bool right) where T : unmanaged, INumber<T>
    {
        var positions = new long[values.Length];
        int rows = sorted.Length / Math.Max(1, m);
        for (int i = 0; i < values.Length; i++)
        {
            int start = rows == 1 ? 0 : i / perRow * m;
            int lo = 0, hi = m;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (GoesAfter(sorted[start + mid], values[i], right)) lo = mid + 1;
                else hi = mid;
            }
            positions[i] = lo;
        }
        return positions;
    }

    /// <summary>
    /// Whether the value belongs after a boundary: not (boundary ≥ value), or not (boundary &gt; value) with right.
    /// Written as PyTorch writes it, so NaN compares the same way: a NaN value goes after every boundary, and a value
    /// goes after a NaN boundary.
    /// </summary>
    private static bool GoesAfter<T>(T boundary, T value, bool right) where T : INumber<T>
        => right ? !(boundary > value) : !(boundary >= value);
}

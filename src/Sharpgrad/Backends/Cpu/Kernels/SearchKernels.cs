using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>Counting and searching over contiguous data: nonzero coordinates, bin counts and binary search. No gradients.</summary>
internal static class SearchKernels
{
    /// <summary>
    /// Writes the row-major coordinates of the nonzero elements of contiguous <paramref name="x"/>, of shape
    /// <paramref name="shape"/>, into <paramref name="coordinates"/> as an [n, rank] block (n counted by the caller).
    /// </summary>
    public static void Nonzero<T>(ReadOnlySpan<T> x, int[] shape, Span<long> coordinates) where T : unmanaged, IEquatable<T>
    {
        var coordinate = new long[shape.Length];
        int written = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (!x[i].Equals(default))
            {
                coordinate.CopyTo(coordinates[written..]);
                written += shape.Length;
            }
            for (int d = shape.Length - 1; d >= 0 && ++coordinate[d] == shape[d]; d--) coordinate[d] = 0;
        }
    }

    /// <summary>counts[v] = how often each value v occurs.</summary>
    public static void Bincount(ReadOnlySpan<long> values, Span<long> counts)
    {
        counts.Clear();
        foreach (var v in values) counts[(int)v]++;
    }

    /// <summary>counts[v] += weight of each value v, in input order.</summary>
    public static void Bincount<T>(ReadOnlySpan<long> values, ReadOnlySpan<T> weights, Span<T> counts) where T : unmanaged, INumber<T>
    {
        counts.Clear();
        for (int i = 0; i < values.Length; i++) counts[(int)values[i]] += weights[i];
    }

    /// <summary>
    /// For each value, the first position in its row of <paramref name="sorted"/> (rows of length m) whose element is
    /// ≥ the value (&gt; with <paramref name="right"/>): where it would be inserted to keep the row sorted. Row r of values searches row r of sorted, or the single row when there is one.
    /// </summary>
    public static void SearchSorted<T>(ReadOnlySpan<T> sorted, int m, ReadOnlySpan<T> values, int perRow, bool right, Span<long> positions)
        where T : unmanaged, INumber<T>
    {
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
    }

    /// <summary>
    /// Whether the value belongs after a boundary: not (boundary ≥ value), or not (boundary &gt; value) with right.
    /// Written as PyTorch writes it, so NaN compares the same way: a NaN value goes after every boundary, and a value
    /// goes after a NaN boundary.
    /// </summary>
    private static bool GoesAfter<T>(T boundary, T value, bool right) where T : INumber<T>
        => right ? !(boundary > value) : !(boundary >= value);
}

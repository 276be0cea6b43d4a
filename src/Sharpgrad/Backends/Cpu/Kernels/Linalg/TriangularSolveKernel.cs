namespace Sharpgrad.Kernels;

/// <summary>
/// Forward and back substitution, T X = B for a triangular n×n T (GVL Alg. 3.1.1–3.1.2), overwriting the n×r
/// row-major B. Each step subtracts multiples of already solved rows of X, so the inner loop runs along rows.
/// Only the named triangle of T is read.
/// </summary>
internal static class TriangularSolveKernel
{
    public static void Lower(ReadOnlySpan<double> t, int n, Span<double> b, int r, bool unitDiagonal)
    {
        for (int i = 0; i < n; i++)
        {
            var row = b.Slice(i * r, r);
            for (int j = 0; j < i; j++) RowOps.Axpy(-t[i * n + j], b.Slice(j * r, r), row);
            if (!unitDiagonal) RowOps.Scale(1 / t[i * n + i], row);
        }
    }

    public static void Upper(ReadOnlySpan<double> t, int n, Span<double> b, int r, bool unitDiagonal)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            var row = b.Slice(i * r, r);
            for (int j = i + 1; j < n; j++) RowOps.Axpy(-t[i * n + j], b.Slice(j * r, r), row);
            if (!unitDiagonal) RowOps.Scale(1 / t[i * n + i], row);
        }
    }

    /// <summary>
    /// Checks the diagonal of the triangle, then solves in place. Returns the first column whose diagonal entry is
    /// negligible, |t_jj| ≤ <paramref name="relativeTolerance"/>·max|t_ij| over the triangle (nothing is solved then), or −1.
    /// </summary>
    public static int CheckedSolve(ReadOnlySpan<double> t, int n, Span<double> b, int r, bool upper, bool unitDiagonal, double relativeTolerance)
    {
        if (!unitDiagonal)
        {
            double largest = 0;
            for (int i = 0; i < n; i++)
                largest = Math.Max(largest, RowOps.MaxAbs(upper ? t.Slice(i * n + i, n - i) : t.Slice(i * n, i + 1)));
            for (int j = 0; j < n; j++)
                if (Math.Abs(t[j * n + j]) <= relativeTolerance * largest) return j;
        }
        if (upper) Upper(t, n, b, r, unitDiagonal);
        else Lower(t, n, b, r, unitDiagonal);
        return -1;
    }
}

namespace Sharpgrad.Kernels;

/// <summary>
/// LU factorisation with partial pivoting, PA = LU (Golub &amp; Van Loan, Alg. 3.4.1; LAPACK getrf). At step j the
/// row with the largest |a_ij| on or below the diagonal is swapped up, so every multiplier |l_ij| ≤ 1 and the
/// elimination stays backward stable. L (unit lower) and U overwrite A in place: the "compact" LU form.
/// </summary>
internal static class LuKernel
{
    /// <summary>
    /// Factors the m×n row-major matrix <paramref name="a"/> in place. <paramref name="pivots"/>[j] receives the row
    /// swapped with row j at step j (0-based). A column whose whole sub-column is zero gets a zero pivot and is left
    /// alone, as LAPACK does: the factorisation of a singular matrix still exists, only U is singular.
    /// </summary>
    public static void Factor(Span<double> a, int m, int n, Span<int> pivots)
    {
        int k = Math.Min(m, n);
        for (int j = 0; j < k; j++)
        {
            int p = j;
            double best = Math.Abs(a[j * n + j]);
            for (int i = j + 1; i < m; i++)
            {
                double v = Math.Abs(a[i * n + j]);
                if (v > best) (best, p) = (v, i);
            }
            pivots[j] = p;
            RowOps.SwapRows(a, n, j, p);
            double pivot = a[j * n + j];
            if (pivot == 0) continue;
            var pivotRow = a.Slice(j * n + j + 1, n - j - 1);
            for (int i = j + 1; i < m; i++)
            {
                double l = a[i * n + j] /= pivot;
                RowOps.Axpy(-l, pivotRow, a.Slice(i * n + j + 1, n - j - 1));
            }
        }
    }

    /// <summary>
    /// The first diagonal entry of U (an n×n compact LU) with |u_jj| ≤ <paramref name="tolerance"/>, or −1 when
    /// there is none; a solve would divide by it.
    /// </summary>
    public static int FirstZeroPivot(ReadOnlySpan<double> lu, int n, double tolerance)
    {
        for (int j = 0; j < n; j++)
            if (Math.Abs(lu[j * n + j]) <= tolerance) return j;
        return -1;
    }

    /// <summary>
    /// Factors the n×n <paramref name="a"/> in place and solves A X = B in place of the n×r <paramref name="b"/>, unless
    /// some pivot is negligible: |u_jj| ≤ <paramref name="relativeTolerance"/>·max|a_ij|. Returns that pivot's column,
    /// or −1 after a successful solve.
    /// </summary>
    public static int FactorAndSolve(Span<double> a, int n, Span<double> b, int r, double relativeTolerance)
    {
        double tolerance = relativeTolerance * RowOps.MaxAbs(a[..(n * n)]);
        var pivots = new int[n];
        Factor(a, n, n, pivots);
        int zero = FirstZeroPivot(a, n, tolerance);
        if (zero < 0) Solve(a, pivots, n, b, r);
        return zero;
    }

    /// <summary>Solves A X = B in place of the n×r row-major <paramref name="b"/>, given A's compact LU and pivots.</summary>
    public static void Solve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int r)
    {
        for (int j = 0; j < n; j++) RowOps.SwapRows(b, r, j, pivots[j]);
        TriangularSolveKernel.Lower(lu, n, b, r, unitDiagonal: true);
        TriangularSolveKernel.Upper(lu, n, b, r, unitDiagonal: false);
    }

    /// <summary>
    /// Factors a batch of m×n matrices in place, writing LAPACK's 1-based pivots (k = min(m, n) per matrix) and the
    /// row order of each PA: row i of PA is row <c>order[i]</c> of A. Each array is used from its offset on.
    /// </summary>
    public static void FactorBatch(double[] a, int aOffset, int batch, int m, int n, long[] pivots, int pivotsOffset, long[] order, int orderOffset)
    {
        int k = Math.Min(m, n);
        MatrixBatch.For(batch, (long)m * n * k, b =>
        {
            var p = new int[k];
            Factor(a.AsSpan(aOffset + b * m * n, m * n), m, n, p);
            var rows = order.AsSpan(orderOffset + b * m, m);
            for (int i = 0; i < m; i++) rows[i] = i;
            for (int j = 0; j < k; j++)
            {
                pivots[pivotsOffset + b * k + j] = p[j] + 1;
                (rows[j], rows[p[j]]) = (rows[p[j]], rows[j]);
            }
        });
    }

    /// <summary>Solves A X = B in place of the n×r <paramref name="b"/> from a compact LU and LAPACK's 1-based pivots.</summary>
    public static void SolveWithPivots(ReadOnlySpan<double> lu, ReadOnlySpan<long> pivots, int n, Span<double> b, int r)
    {
        var p = new int[n];
        for (int j = 0; j < n; j++) p[j] = (int)pivots[j] - 1;
        Solve(lu, p, n, b, r);
    }

    /// <summary>
    /// det A from the LU factorisation: each row interchange flips the sign and det U = ∏ u_jj (GVL §3.4.1).
    /// Factors <paramref name="a"/> in place. Also returns sign(det A) and log|det A| (0 and −∞ when singular),
    /// which stay finite where the product over- or underflows.
    /// </summary>
    public static (double Det, double Sign, double LogAbsDet) Determinant(Span<double> a, int n)
    {
        var pivots = new int[n];
        Factor(a, n, n, pivots);
        double det = 1, sign = 1, logAbs = 0;
        for (int j = 0; j < n; j++)
        {
            double u = a[j * n + j];
            if (pivots[j] != j) (det, sign) = (-det, -sign);
            det *= u;
            sign *= Math.Sign(u);
            logAbs += Math.Log(Math.Abs(u));
        }
        return (det, sign, logAbs);
    }
}

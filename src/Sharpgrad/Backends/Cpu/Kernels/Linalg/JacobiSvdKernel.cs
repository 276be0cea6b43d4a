namespace Sharpgrad.Kernels;

/// <summary>
/// Singular value decomposition A = U diag(σ) Vᵀ by one-sided Jacobi (Hestenes 1958; GVL §8.6.3). Plane rotations
/// applied to the columns of A (and accumulated into V) make the columns mutually orthogonal; their norms are then
/// the singular values and the normalised columns the left singular vectors. It never forms AᵀA, so small singular
/// values keep their relative accuracy. A tall matrix is first reduced to its n×n triangular factor by Householder
/// QR (Drmač's preconditioning), which makes the sweeps cheaper and faster to converge; a wide one is transposed.
/// </summary>
internal static class JacobiSvdKernel
{
    private const double Eps = 2.220446049250313e-16;
    private const int MaxSweeps = 100;

    /// <summary>
    /// Columns with a norm at or below this (after scaling A to max|a_ij| = 1) are treated as exactly zero: far below
    /// anything that shows in a reconstruction, and small enough that their squared norms would underflow.
    /// </summary>
    private const double Negligible = 1e-145;

    /// <summary>
    /// Decomposes the m×n row-major <paramref name="a"/>, k = min(m, n). Writes σ (k, descending),
    /// U (m×<paramref name="uCols"/>, uCols = k or m) and Vᵀ (<paramref name="vtRows"/>×n, vtRows = k or n).
    /// Returns false if the sweeps did not converge.
    /// </summary>
    public static bool Decompose(ReadOnlySpan<double> a, int m, int n, Span<double> s, Span<double> u, int uCols, Span<double> vt, int vtRows)
    {
        if (m >= n)
        {
            var v = new double[n * n];
            bool ok = DecomposeTall(a, m, n, s, u, uCols, v);
            Transpose(v, n, n, vt[..(n * n)]); // for m ≥ n, Vᵀ is n×n whichever form was asked for
            return ok;
        }
        // A = (Aᵀ)ᵀ = (U' Σ V'ᵀ)ᵀ = V' Σ U'ᵀ: U is V' (m×m), Vᵀ is U'ᵀ.
        var at = new double[n * m];
        Transpose(a, m, n, at);
        var uPrime = new double[n * vtRows];
        bool okWide = DecomposeTall(at, n, m, s, uPrime, vtRows, u[..(m * m)]);
        Transpose(uPrime, n, vtRows, vt[..(vtRows * n)]);
        return okWide;
    }

    /// <summary>m ≥ n: σ (n), U (m×uCols) and V (n×n, columns are the right singular vectors).</summary>
    private static bool DecomposeTall(ReadOnlySpan<double> a, int m, int n, Span<double> s, Span<double> u, int uCols, Span<double> v)
    {
        double scale = RowOps.MaxAbs(a[..(m * n)]);
        if (scale == 0) scale = 1;
        var scaled = a[..(m * n)].ToArray();
        RowOps.Scale(1 / scale, scaled);

        // Work on an n×n matrix: R from A = QR when A is tall, else A itself.
        double[]? q = null;
        double[] work = scaled;
        if (m > n)
        {
            q = new double[m * n];
            work = new double[n * n];
            HouseholderQrKernel.Factor(scaled, m, n, work, n, q, n);
        }
        var cols = new double[n * n]; // row j holds column j, so the rotations below update contiguous rows
        Transpose(work, n, n, cols);
        var vcols = new double[n * n];
        for (int i = 0; i < n; i++) vcols[i * n + i] = 1;
        bool converged = Orthogonalise(cols, vcols, n);

        var norms = new double[n];
        for (int j = 0; j < n; j++) norms[j] = Math.Sqrt(RowOps.Dot(cols.AsSpan(j * n, n), cols.AsSpan(j * n, n)));
        var order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ToArray(); // stable for ties

        // U's columns are the normalised columns (mapped back through Q); those of zero σ are completed afterwards.
        u[..(m * uCols)].Clear();
        int nonzero = 0;
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            int src = order[j];
            s[j] = norms[src] * scale;
            for (int i = 0; i < n; i++) v[i * n + j] = vcols[src * n + i];
            if (norms[src] <= Negligible) continue;
            nonzero++;
            for (int i = 0; i < n; i++) column[i] = cols[src * n + i] / norms[src];
            if (q is null)
                for (int i = 0; i < m; i++) u[i * uCols + j] = column[i];
            else
                for (int i = 0; i < m; i++) u[i * uCols + j] = RowOps.Dot(q.AsSpan(i * n, n), column);
        }
        OrthonormalCompletion.Complete(u, m, uCols, nonzero);
        return converged;
    }

    /// <summary>
    /// Rotates pairs of columns (rows of <paramref name="cols"/>) until every pair is orthogonal to working precision,
    /// |c_pᵀc_q| ≤ nε‖c_p‖‖c_q‖, applying the same rotations to <paramref name="vcols"/>. The factor n allows for the
    /// rounding error of the dot product itself; with plain ε, nearly dependent columns could keep rotating forever
    /// (LAPACK's gesvj uses √m·ε).
    /// </summary>
    private static bool Orthogonalise(double[] cols, double[] vcols, int n)
    {
        double tolerance = Math.Max(n, 1) * Eps;
        var squaredNorms = new double[n];
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            // ‖c_j‖² are refreshed once a sweep and updated by each rotation in between, which saves two of the
            // three dot products per pair.
            for (int j = 0; j < n; j++) squaredNorms[j] = RowOps.Dot(cols.AsSpan(j * n, n), cols.AsSpan(j * n, n));
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    var cp = cols.AsSpan(p * n, n);
                    var cq = cols.AsSpan(q * n, n);
                    double alpha = squaredNorms[p], beta = squaredNorms[q];
                    // A column orthogonalised against a parallel one shrinks towards zero; once its squared norm
                    // underflows the test below can no longer pass, so such a column is set to exactly zero.
                    if (alpha <= Negligible * Negligible) cp.Clear();
                    if (beta <= Negligible * Negligible) cq.Clear();
                    if (alpha <= Negligible * Negligible || beta <= Negligible * Negligible) continue;
                    double gamma = RowOps.Dot(cp, cq);
                    if (Math.Abs(gamma) <= tolerance * Math.Sqrt(alpha * beta)) continue;
                    rotated = true;
                    double t = RowOps.JacobiTangent(alpha, beta, gamma);
                    double c = 1 / Math.Sqrt(t * t + 1), sn = t * c;
                    RowOps.Rotate(cp, cq, c, sn);
                    RowOps.Rotate(vcols.AsSpan(p * n, n), vcols.AsSpan(q * n, n), c, sn);
                    // The rotation moves t·γ of squared norm from column p to column q (GVL §8.5.2).
                    squaredNorms[p] = Math.Max(alpha - t * gamma, 0);
                    squaredNorms[q] = beta + t * gamma;
                }
            if (!rotated) return true;
        }
        return false;
    }

    private static void Transpose(ReadOnlySpan<double> a, int rows, int cols, Span<double> result)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) result[j * rows + i] = a[i * cols + j];
    }
}

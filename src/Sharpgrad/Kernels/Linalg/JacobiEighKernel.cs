namespace Sharpgrad.Kernels;

/// <summary>
/// Eigen-decomposition of a symmetric matrix, A = V diag(λ) Vᵀ, by the cyclic Jacobi method (GVL Alg. 8.5.3).
/// Each rotation J zeroes one off-diagonal pair a_pq = a_qp of JᵀAJ and reduces the off-diagonal mass by 2a_pq²;
/// sweeping over all pairs converges quadratically, usually in 6–10 sweeps. V is the product of the rotations, so
/// it is orthogonal to working precision. Cost is about 6n³ flops per sweep: well suited to the books' matrices
/// (up to a few hundred rows).
/// </summary>
internal static class JacobiEighKernel
{
    private const double Eps = 2.220446049250313e-16;
    private const int MaxSweeps = 100;

    /// <summary>
    /// Diagonalises the symmetric n×n <paramref name="a"/> (both triangles must hold the matrix). Writes the eigenvalues in
    /// ascending order and the matching unit eigenvectors as the columns of the n×n <paramref name="vectors"/>.
    /// Returns false if the sweeps did not converge (not seen in practice for finite input).
    /// </summary>
    public static bool Decompose(ReadOnlySpan<double> a, int n, Span<double> values, Span<double> vectors)
    {
        // Scaling by max|a_ij| keeps every product below in range; the eigenvalues scale back at the end.
        double scale = RowOps.MaxAbs(a[..(n * n)]);
        if (scale == 0) scale = 1;
        var w = a[..(n * n)].ToArray();
        RowOps.Scale(1 / scale, w);
        var vt = new double[n * n]; // row p holds eigenvector p, so rotations update contiguous rows
        for (int i = 0; i < n; i++) vt[i * n + i] = 1;
        double floor = Eps * Eps * Math.Sqrt(RowOps.Dot(w, w));

        bool converged = n < 2;
        for (int sweep = 0; sweep < MaxSweeps && !converged; sweep++)
        {
            converged = true;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = w[p * n + q], app = w[p * n + p], aqq = w[q * n + q];
                    // Negligible relative to the diagonal (Demmel–Veselić's test, which keeps small eigenvalues accurate).
                    if (Math.Abs(apq) <= Math.Max(Eps * Math.Sqrt(Math.Abs(app * aqq)), floor))
                    {
                        w[p * n + q] = w[q * n + p] = 0;
                        continue;
                    }
                    converged = false;
                    Rotate(w, vt, n, p, q, RowOps.JacobiTangent(app, aqq, apq));
                }
        }

        var diagonal = new double[n];
        for (int i = 0; i < n; i++) diagonal[i] = w[i * n + i];
        var order = Enumerable.Range(0, n).OrderBy(i => diagonal[i]).ToArray(); // stable: ties keep their order
        for (int j = 0; j < n; j++)
        {
            values[j] = diagonal[order[j]] * scale;
            for (int i = 0; i < n; i++) vectors[i * n + j] = vt[order[j] * n + i];
        }
        return converged;
    }

    /// <summary>A ← JᵀAJ and V ← VJ for the rotation J with tangent t in the (p, q) plane (GVL §8.5.2).</summary>
    private static void Rotate(double[] w, double[] vt, int n, int p, int q, double t)
    {
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        double apq = w[p * n + q];
        for (int r = 0; r < n; r++)
        {
            if (r == p || r == q) continue;
            double arp = w[p * n + r], arq = w[q * n + r];
            double np = c * arp - s * arq, nq = s * arp + c * arq;
            w[p * n + r] = w[r * n + p] = np;
            w[q * n + r] = w[r * n + q] = nq;
        }
        w[p * n + p] -= t * apq;
        w[q * n + q] += t * apq;
        w[p * n + q] = w[q * n + p] = 0;
        RowOps.Rotate(vt.AsSpan(p * n, n), vt.AsSpan(q * n, n), c, s);
    }
}

namespace Sharpgrad.Kernels;

/// <summary>
/// QR factorisation by Householder reflections, A = QR (GVL Alg. 5.2.1; LAPACK geqrf/orgqr). Step j reflects the
/// column below the diagonal onto a multiple of e₁ with H = I − β v vᵀ, which is orthogonal, so Q = H₀H₁⋯ is
/// orthogonal to working precision however ill-conditioned A is (unlike Gram–Schmidt).
/// </summary>
internal static class HouseholderQrKernel
{
    /// <summary>
    /// Factors the m×n row-major <paramref name="a"/>. Writes the upper-trapezoidal R (<paramref name="rRows"/>×n:
    /// min(m,n) rows for the reduced form, m for the complete one) and, when <paramref name="q"/> is not empty,
    /// the first <paramref name="qCols"/> columns of Q (m×qCols: min(m,n) or m).
    /// </summary>
    public static void Factor(ReadOnlySpan<double> a, int m, int n, Span<double> r, int rRows, Span<double> q, int qCols)
    {
        int k = Math.Min(m, n);
        var w = a[..(m * n)].ToArray();
        var vectors = new double[k][];
        var betas = new double[k];
        var scratch = new double[Math.Max(n, qCols)];
        for (int j = 0; j < k; j++)
        {
            var (v, beta, alpha) = Reflector(w, m, n, j);
            vectors[j] = v;
            betas[j] = beta;
            Reflect(w, n, j, j + 1, n - j - 1, v, beta, scratch);
            w[j * n + j] = alpha;
            for (int i = j + 1; i < m; i++) w[i * n + j] = 0;
        }

        r[..(rRows * n)].Clear();
        for (int i = 0; i < k; i++)
            w.AsSpan(i * n + i, n - i).CopyTo(r.Slice(i * n + i, n - i));

        if (q.IsEmpty) return;
        // Q = H₀⋯H_{k−1}·I[:, :qCols], applied from the last reflector back so each touches only rows j..m−1.
        q[..(m * qCols)].Clear();
        for (int i = 0; i < Math.Min(m, qCols); i++) q[i * qCols + i] = 1;
        for (int j = k - 1; j >= 0; j--) Reflect(q, qCols, j, 0, qCols, vectors[j], betas[j], scratch);
    }

    /// <summary>
    /// The reflector H = I − βvvᵀ with H x = α e₁ for x = column j of <paramref name="w"/> from row j down. α takes
    /// the sign opposite to x₀ so that v₀ = x₀ − α never cancels (GVL §5.1.3). When x is already a multiple of e₁
    /// no reflection is needed (β = 0, α = x₀), as in LAPACK's larfg, which keeps R's diagonal equal to PyTorch's.
    /// </summary>
    private static (double[] V, double Beta, double Alpha) Reflector(double[] w, int m, int n, int j)
    {
        var v = new double[m - j];
        for (int i = j; i < m; i++) v[i - j] = w[i * n + j];
        if (RowOps.MaxAbs(v.AsSpan(1)) == 0) return (v, 0, v[0]);
        double norm = Norm(v);
        double alpha = v[0] > 0 ? -norm : norm;
        v[0] -= alpha;
        double vv = RowOps.Dot(v, v);
        return (v, 2 / vv, alpha);
    }

    /// <summary>
    /// Applies H = I − βvvᵀ to rows j.. of the row-major matrix <paramref name="x"/> (row length <paramref name="cols"/>),
    /// columns c0..c0+count: first wᵀ = vᵀX (a sum of scaled rows), then X −= βv wᵀ, both along rows.
    /// </summary>
    private static void Reflect(Span<double> x, int cols, int j, int c0, int count, double[] v, double beta, double[] scratch)
    {
        if (beta == 0 || count == 0) return;
        var acc = scratch.AsSpan(0, count);
        acc.Clear();
        for (int i = 0; i < v.Length; i++) RowOps.Axpy(v[i], x.Slice((j + i) * cols + c0, count), acc);
        for (int i = 0; i < v.Length; i++) RowOps.Axpy(-beta * v[i], acc, x.Slice((j + i) * cols + c0, count));
    }

    /// <summary>‖x‖₂ scaled by max|xᵢ| first, so squares of huge or tiny entries neither overflow nor underflow.</summary>
    private static double Norm(ReadOnlySpan<double> x)
    {
        double scale = RowOps.MaxAbs(x);
        if (scale == 0) return 0;
        double sum = 0;
        foreach (var v in x) sum += (v / scale) * (v / scale);
        return scale * Math.Sqrt(sum);
    }
}

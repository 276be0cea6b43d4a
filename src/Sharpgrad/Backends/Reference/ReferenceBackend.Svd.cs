namespace Sharpgrad.Backends.Reference;

// The singular value decomposition A = U diag(σ) Vᵀ (GBC §2.8) by one-sided Jacobi (Hestenes 1958; Golub & Van Loan
// §8.6.3): plane rotations of pairs of columns of A, accumulated into V, make every pair of columns orthogonal; then
// AV = W has orthogonal columns whose norms are the singular values, and the normalised columns are U. A wide matrix is
// decomposed through its transpose, Aᵀ = V diag(σ) Uᵀ.
internal sealed partial class ReferenceBackend
{
    public override void Svd(Tensor a, Tensor s, Tensor u, Tensor vh, Tensor converged)
    {
        RequireOwn("Svd", a, s, u, vh);
        RequireOwn("Svd", converged);
        bool[] ok = converged.Data<bool>();
        for (int b = 0; b < converged.Count; b++)
        {
            var matrix = new Matrix<double>(a, b);
            int m = matrix.Rows, n = matrix.Cols;
            bool wide = m < n;
            // The tall matrix to decompose: A, or Aᵀ when A is wide.
            var tall = new double[Math.Max(m, n), Math.Min(m, n)];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    if (wide) tall[j, i] = matrix[i, j];
                    else tall[i, j] = matrix[i, j];
                }
            var (sigma, left, right, done) = OneSidedJacobi(tall);
            ok[converged.offset + b] = done;
            var sOut = new Matrix<double>(s.Unsqueeze(-2), b);
            for (int j = 0; j < sigma.Length; j++) sOut[0, j] = sigma[j];
            // For a wide A the roles swap: U = right (m×m) and Vᵀ = leftᵀ.
            var uOut = new Matrix<double>(u, b);
            var vhOut = new Matrix<double>(vh, b);
            for (int i = 0; i < uOut.Rows; i++)
                for (int j = 0; j < uOut.Cols; j++) uOut[i, j] = wide ? right[i, j] : left[i, j];
            for (int i = 0; i < vhOut.Rows; i++)
                for (int j = 0; j < vhOut.Cols; j++) vhOut[i, j] = wide ? left[j, i] : right[j, i];
        }
    }

    /// <summary>
    /// For a tall m×n W (m ≥ n): σ descending (n), the complete m×m U (columns past the nonzero σ completed to an
    /// orthonormal basis), V (n×n) and whether the sweeps converged.
    /// </summary>
    private static (double[] Sigma, double[,] U, double[,] V, bool Converged) OneSidedJacobi(double[,] w)
    {
        int m = w.GetLength(0), n = w.GetLength(1);
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        double tolerance = Math.Max(n, 1) * DoubleEpsilon;
        bool converged = false;
        for (int sweep = 0; sweep < MaxSweeps && !converged; sweep++)
        {
            converged = true;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;   // ‖w_p‖², ‖w_q‖², w_p·w_q
                    for (int i = 0; i < m; i++)
                    {
                        alpha += w[i, p] * w[i, p];
                        beta += w[i, q] * w[i, q];
                        gamma += w[i, p] * w[i, q];
                    }
                    if (alpha == 0 || beta == 0 || Math.Abs(gamma) <= tolerance * Math.Sqrt(alpha * beta)) continue;
                    converged = false;
                    // The rotation that makes the pair orthogonal: t = tan θ solves t² + 2ζt − 1 = 0, ζ = (β − α)/(2γ).
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
                    for (int i = 0; i < m; i++) (w[i, p], w[i, q]) = (c * w[i, p] - s * w[i, q], s * w[i, p] + c * w[i, q]);
                    for (int i = 0; i < n; i++) (v[i, p], v[i, q]) = (c * v[i, p] - s * v[i, q], s * v[i, p] + c * v[i, q]);
                }
        }

        var norms = new double[n];
        double largest = 0;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++) norms[j] += w[i, j] * w[i, j];
            norms[j] = Math.Sqrt(norms[j]);
            largest = Math.Max(largest, norms[j]);
        }
        var order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ToArray();
        var sigma = new double[n];
        var u = new double[m, m];
        var vSorted = new double[n, n];
        int found = 0;
        for (int j = 0; j < n; j++)
        {
            int from = order[j];
            sigma[j] = norms[from];
            for (int i = 0; i < n; i++) vSorted[i, j] = v[i, from];
            // A σ this far below the largest is zero to working precision (its square would underflow): its u comes
            // from the completion.
            if (norms[from] <= largest * 1e-145) continue;
            for (int i = 0; i < m; i++) u[i, j] = w[i, from] / norms[from];
            found = j + 1;
        }
        CompleteOrthonormalColumns(u, found);
        return (sigma, u, vSorted, converged);
    }

    /// <summary>
    /// Fills columns <paramref name="found"/>.. of the m×m <paramref name="u"/> with an orthonormal completion of the
    /// first ones: each unit vector eᵢ in turn, less its projections on the columns so far (Gram–Schmidt, applied twice
    /// for orthogonality to working precision), kept when what is left is not negligible.
    /// </summary>
    private static void CompleteOrthonormalColumns(double[,] u, int found)
    {
        int m = u.GetLength(0);
        for (int e = 0; e < m && found < m; e++)
        {
            var x = new double[m];
            x[e] = 1;
            for (int pass = 0; pass < 2; pass++)
                for (int c = 0; c < found; c++)
                {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += u[i, c] * x[i];
                    for (int i = 0; i < m; i++) x[i] -= dot * u[i, c];
                }
            double norm = Math.Sqrt(x.Sum(xi => xi * xi));
            if (norm < 0.5) continue;   // eᵢ lies mostly in the span already
            for (int i = 0; i < m; i++) u[i, found] = x[i] / norm;
            found++;
        }
    }
}

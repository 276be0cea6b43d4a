namespace Sharpgrad.Backends.Reference;

// QR factorisation by Householder reflections (Golub & Van Loan Alg. 5.2.1; GBC §2.8 uses the orthogonal factors of a
// matrix throughout). Step j multiplies R from the left by H_j = I − β v vᵀ, the reflection that maps column j of R,
// from the diagonal down, onto α e₁ and leaves the rows above alone; after min(m, n) steps R is upper-triangular and
// Q = H₀H₁⋯ is orthogonal, with A = QR.
internal sealed partial class ReferenceBackend
{
    public override void Qr(Tensor a, Tensor r, Tensor? q)
    {
        RequireOwn("Qr", a, r, q);
        for (int b = 0; b < Matrix<double>.CountIn(a); b++)
        {
            var (rFull, qFull) = Householder(new Matrix<double>(a, b));
            var rOut = new Matrix<double>(r, b);
            int k = Math.Min(a.shape[^2], a.shape[^1]);
            for (int i = 0; i < rOut.Rows; i++)
                for (int c = 0; c < rOut.Cols; c++) rOut[i, c] = i < k && c >= i ? rFull[i, c] : 0;
            if (q is null) continue;
            var qOut = new Matrix<double>(q, b);
            for (int i = 0; i < qOut.Rows; i++)
                for (int c = 0; c < qOut.Cols; c++) qOut[i, c] = qFull[i, c];
        }
    }

    /// <summary>R (m×n) and the complete Q (m×m) of the m×n <paramref name="a"/>.</summary>
    private static (double[,] R, double[,] Q) Householder(Matrix<double> a)
    {
        int m = a.Rows, n = a.Cols;
        var r = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int c = 0; c < n; c++) r[i, c] = a[i, c];
        var q = new double[m, m];
        for (int i = 0; i < m; i++) q[i, i] = 1;

        for (int j = 0; j < Math.Min(m, n); j++)
        {
            // x = R[j.., j]. Nothing to do when it is already a multiple of e₁ (LAPACK's larfg does the same).
            bool alreadyReduced = true;
            for (int i = j + 1; i < m; i++) alreadyReduced &= r[i, j] == 0;
            if (alreadyReduced) continue;
            double norm = 0;
            for (int i = j; i < m; i++) norm += r[i, j] * r[i, j];
            norm = Math.Sqrt(norm);
            // α gets the sign opposite to x₀, so v₀ = x₀ − α adds two numbers of one sign and never cancels (GVL §5.1.3).
            double alpha = r[j, j] > 0 ? -norm : norm;
            var v = new double[m - j];
            for (int i = j; i < m; i++) v[i - j] = r[i, j];
            v[0] -= alpha;
            double vv = 0;
            foreach (var vi in v) vv += vi * vi;
            double beta = 2 / vv;

            // R ← H R on the columns right of j; column j becomes α e₁ exactly.
            for (int c = j + 1; c < n; c++)
            {
                double dot = 0;
                for (int i = j; i < m; i++) dot += v[i - j] * r[i, c];
                for (int i = j; i < m; i++) r[i, c] -= beta * dot * v[i - j];
            }
            r[j, j] = alpha;
            for (int i = j + 1; i < m; i++) r[i, j] = 0;

            // Q ← Q H (H is symmetric), so that Q = H₀H₁⋯H_j.
            for (int row = 0; row < m; row++)
            {
                double dot = 0;
                for (int i = j; i < m; i++) dot += q[row, i] * v[i - j];
                for (int i = j; i < m; i++) q[row, i] -= beta * dot * v[i - j];
            }
        }
        return (r, q);
    }
}

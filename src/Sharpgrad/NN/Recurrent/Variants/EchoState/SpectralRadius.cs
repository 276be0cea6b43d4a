using System.Numerics;

namespace Sharpgrad.NN;

/// <summary>
/// The spectral radius ρ(W) = max |λᵢ| of a real square matrix, which an echo state network's reservoir is scaled by
/// (GBC §10.8). The reservoir is not symmetric, so its eigenvalues are complex and <c>Linalg.Eigh</c> does not apply;
/// power iteration is not used either, because a random real matrix's largest eigenvalues are usually a complex pair of
/// equal modulus, where it does not converge. Instead this is the textbook QR algorithm (Golub &amp; Van Loan §7.4–7.5)
/// on the host: Householder reduction to upper Hessenberg form, then shifted QR steps in complex arithmetic by Givens
/// rotations, with the Wilkinson shift (the eigenvalue of the trailing 2×2 block nearer its last entry) and deflation
/// when a subdiagonal entry falls below ε times its neighbours. Only eigenvalues are needed, so only the active block is
/// updated. It runs once per reservoir on an n×n array (O(n³)), so it is plain host code, not a backend primitive.
/// </summary>
public static class SpectralRadius
{
    /// <summary>ρ(W) for a square float matrix.</summary>
    public static double Of(Tensor matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rank != 2 || matrix.Size(0) != matrix.Size(1))
            throw new ArgumentException($"SpectralRadius: expected a square matrix, got shape {matrix.Shape}.", nameof(matrix));
        if (!matrix.DType.IsFloatingPoint())
            throw new ArgumentException($"SpectralRadius: expected a float matrix, got {matrix.DType.Name()}.", nameof(matrix));
        return Eigenvalues(matrix.ToDoubleArray(), matrix.Size(0)).Max(Complex.Abs);
    }

    /// <summary>All eigenvalues of the row-major n×n matrix <paramref name="a"/> (in no particular order).</summary>
    public static Complex[] Eigenvalues(double[] a, int n)
    {
        if (a.Length != n * n) throw new ArgumentException($"SpectralRadius: expected {n}×{n} = {n * n} entries, got {a.Length}.", nameof(a));
        foreach (var v in a)
            if (!double.IsFinite(v)) throw new ArgumentException("SpectralRadius: the matrix has a non-finite entry.", nameof(a));
        var h = Hessenberg(a, n);
        double scale = Math.Sqrt(a.Sum(v => v * v));
        var values = new Complex[n];
        int hi = n - 1, iterations = 0;
        while (hi >= 0)
        {
            int lo = hi;
            while (lo > 0 && !Negligible(h, lo, scale)) lo--;
            if (lo > 0) h[lo, lo - 1] = Complex.Zero;
            if (lo == hi)
            {
                values[hi] = h[hi, hi];
                hi--;
                iterations = 0;
                continue;
            }
            if (++iterations > 100)
                throw new InvalidOperationException($"SpectralRadius: the QR iteration did not converge for eigenvalue {hi} of a {n}×{n} matrix.");
            QrStep(h, lo, hi, Shift(h, hi, iterations));
        }
        return values;
    }

    /// <summary>Whether h[k, k−1] is below ε times its diagonal neighbours (or ε‖A‖ where both are 0): deflate there.</summary>
    private static bool Negligible(Complex[,] h, int k, double scale)
    {
        double neighbours = Complex.Abs(h[k, k]) + Complex.Abs(h[k - 1, k - 1]);
        return Complex.Abs(h[k, k - 1]) <= 2.220446049250313e-16 * (neighbours > 0 ? neighbours : scale);
    }

    /// <summary>Householder reduction A = Q H Qᵀ to upper Hessenberg form (Golub &amp; Van Loan Alg. 7.4.2), as complex.</summary>
    private static Complex[,] Hessenberg(double[] a, int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) m[i, j] = a[i * n + j];
        var v = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            double norm = 0;
            for (int i = k + 1; i < n; i++) norm += m[i, k] * m[i, k];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            double alpha = m[k + 1, k] > 0 ? -norm : norm;
            for (int i = k + 1; i < n; i++) v[i] = m[i, k];
            v[k + 1] -= alpha;
            double vv = 0;
            for (int i = k + 1; i < n; i++) vv += v[i] * v[i];
            // M ← (I − 2vvᵀ/vᵀv) M (I − 2vvᵀ/vᵀv): rows k+1.., then columns k+1..
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int i = k + 1; i < n; i++) dot += v[i] * m[i, j];
                double f = 2 * dot / vv;
                for (int i = k + 1; i < n; i++) m[i, j] -= f * v[i];
            }
            for (int i = 0; i < n; i++)
            {
                double dot = 0;
                for (int j = k + 1; j < n; j++) dot += m[i, j] * v[j];
                double f = 2 * dot / vv;
                for (int j = k + 1; j < n; j++) m[i, j] -= f * v[j];
            }
            for (int i = k + 2; i < n; i++) m[i, k] = 0;
        }
        var h = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) h[i, j] = m[i, j];
        return h;
    }

    /// <summary>The Wilkinson shift, with an exceptional shift every 10 iterations to break cycles (as EISPACK's hqr does).</summary>
    private static Complex Shift(Complex[,] h, int hi, int iterations)
    {
        if (iterations % 10 == 0) return h[hi, hi] + Complex.Abs(h[hi, hi - 1]) * 0.75;
        Complex a = h[hi - 1, hi - 1], b = h[hi - 1, hi], c = h[hi, hi - 1], d = h[hi, hi];
        Complex half = (a - d) / 2, root = Complex.Sqrt(half * half + b * c);
        Complex one = (a + d) / 2 + root, other = (a + d) / 2 - root;
        return Complex.Abs(one - d) < Complex.Abs(other - d) ? one : other;
    }

    /// <summary>One step H − μI = QR, H ← RQ + μI on the block [lo, hi], Q a product of Givens rotations.</summary>
    private static void QrStep(Complex[,] h, int lo, int hi, Complex mu)
    {
        for (int i = lo; i <= hi; i++) h[i, i] -= mu;
        var cs = new (Complex C, Complex S)[hi - lo];
        for (int k = lo; k < hi; k++)
        {
            Complex a = h[k, k], b = h[k + 1, k];
            double r = Math.Sqrt(a.Magnitude * a.Magnitude + b.Magnitude * b.Magnitude);
            var (c, s) = r == 0 ? (Complex.One, Complex.Zero) : (a / r, b / r);
            cs[k - lo] = (c, s);
            // Rows k, k+1 ← Gᴴ rows, Gᴴ = [[c̄, s̄], [−s, c]], which zeroes h[k+1, k].
            for (int j = k; j <= hi; j++)
            {
                Complex top = h[k, j], bottom = h[k + 1, j];
                h[k, j] = Complex.Conjugate(c) * top + Complex.Conjugate(s) * bottom;
                h[k + 1, j] = -s * top + c * bottom;
            }
        }
        for (int k = lo; k < hi; k++)
        {
            var (c, s) = cs[k - lo];
            // Columns k, k+1 ← columns · G, G = [[c, −s̄], [s, c̄]].
            for (int i = lo; i <= Math.Min(k + 1, hi); i++)
            {
                Complex left = h[i, k], right = h[i, k + 1];
                h[i, k] = left * c + right * s;
                h[i, k + 1] = -left * Complex.Conjugate(s) + right * Complex.Conjugate(c);
            }
        }
        for (int i = lo; i <= hi; i++) h[i, i] += mu;
    }
}

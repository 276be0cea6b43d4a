namespace Sharpgrad.Kernels;

/// <summary>
/// Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (GVL Alg. 4.2.1, row-oriented
/// Cholesky–Crout). Only the lower triangle of A is read. It succeeds exactly when every leading principal minor
/// is positive (Sylvester's criterion), which is how positive-definiteness is detected.
/// </summary>
internal static class CholeskyKernel
{
    /// <summary>
    /// Overwrites the n×n <paramref name="a"/> with L (zeros above the diagonal). Returns −1 on success, else the
    /// 0-based j at which the pivot a_jj − Σ l_jk² was not positive: the leading minor of order j+1 is not positive.
    /// </summary>
    public static int Factor(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.Slice(j * n, j);
            double d = a[j * n + j] - RowOps.Dot(rowJ, rowJ);
            if (!(d > 0)) return j;
            double ljj = Math.Sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
                a[i * n + j] = (a[i * n + j] - RowOps.Dot(a.Slice(i * n, j), rowJ)) / ljj;
        }
        for (int i = 0; i < n; i++) a.Slice(i * n + i + 1, n - i - 1).Clear();
        return -1;
    }
}

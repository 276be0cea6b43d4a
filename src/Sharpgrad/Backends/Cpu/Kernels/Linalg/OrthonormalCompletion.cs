namespace Sharpgrad.Kernels;

/// <summary>
/// Extends orthonormal columns to more orthonormal columns. The SVD needs it where the data does not determine a
/// singular vector: for zero singular values, and for the extra columns of the full (square) U or V. Any
/// orthonormal basis of the missing subspace is a valid answer, as in LAPACK.
/// </summary>
internal static class OrthonormalCompletion
{
    /// <summary>
    /// The m×cols row-major <paramref name="u"/> has orthonormal columns 0..have−1; fills columns have..cols−1.
    /// Each new column starts from the unit vector eᵢ that sticks out of the current span the most (its residual
    /// 1 − Σⱼ u_ij² is at least (m − have)/m on average, so it is never tiny), and is orthogonalised twice
    /// ("twice is enough", classical Gram–Schmidt with reorthogonalisation).
    /// </summary>
    public static void Complete(Span<double> u, int m, int cols, int have)
    {
        var residual = new double[m];
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < have; j++) s += u[i * cols + j] * u[i * cols + j];
            residual[i] = 1 - s;
        }
        var v = new double[m];
        for (int j = have; j < cols; j++)
        {
            int best = 0;
            for (int i = 1; i < m; i++)
                if (residual[i] > residual[best]) best = i;
            Array.Clear(v);
            v[best] = 1;
            for (int pass = 0; pass < 2; pass++)
                for (int c = 0; c < j; c++)
                {
                    double d = 0;
                    for (int i = 0; i < m; i++) d += u[i * cols + c] * v[i];
                    for (int i = 0; i < m; i++) v[i] -= d * u[i * cols + c];
                }
            double norm = Math.Sqrt(RowOps.Dot(v, v));
            for (int i = 0; i < m; i++)
            {
                u[i * cols + j] = v[i] / norm;
                residual[i] -= u[i * cols + j] * u[i * cols + j];
            }
        }
    }
}

namespace Sharpgrad.Kernels;

/// <summary>
/// Solves the damped Newton system (H + αI)·x = g of <see cref="Optim.DampedNewton"/>'s explicit-Hessian mode by
/// Cholesky factorisation, LLᵀ = A, then forward and back substitution. Cholesky succeeds exactly when A is
/// symmetric positive definite, which is also when the Newton step points downhill (GBC §8.6.1), so its failure is
/// the signal to increase the damping. Only the lower triangle of A is read. Meant for the small n of an explicit
/// Hessian: O(n³) time, no blocking, no threads.
/// </summary>
internal static class NewtonSystemSolver
{
    /// <param name="a">A, n×n row-major; overwritten with L.</param>
    /// <param name="b">g on entry, x on success.</param>
    /// <param name="failedPivot">The row whose pivot was not positive when A is not positive definite, else −1.</param>
    public static bool TrySolvePositiveDefinite(double[] a, double[] b, int n, out int failedPivot)
    {
        for (int j = 0; j < n; j++)
        {
            double pivot = a[j * n + j];
            for (int k = 0; k < j; k++) pivot -= a[j * n + k] * a[j * n + k];
            if (!(pivot > 0))
            {
                failedPivot = j;
                return false;
            }
            double l = Math.Sqrt(pivot);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = sum / l;
            }
        }
        for (int i = 0; i < n; i++) // L·z = b
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= a[i * n + k] * b[k];
            b[i] = sum / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) // Lᵀ·x = z
        {
            double sum = b[i];
            for (int k = i + 1; k < n; k++) sum -= a[k * n + i] * b[k];
            b[i] = sum / a[i * n + i];
        }
        failedPivot = -1;
        return true;
    }
}

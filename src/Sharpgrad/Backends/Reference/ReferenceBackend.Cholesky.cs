namespace Sharpgrad.Backends.Reference;

// The Cholesky–Banachiewicz algorithm (GBC §2.7 on positive-definite matrices; Golub & Van Loan §4.2): L is computed row
// by row from A = LLᵀ read entry by entry,
//   l_ij = (a_ij − Σ_{k<j} l_ik l_jk) / l_jj  (j < i),    l_ii = √(a_ii − Σ_{k<i} l_ik²).
// The square root exists exactly when every leading principal minor is positive (Sylvester's criterion), which is how a
// matrix that is not positive-definite is found.
internal sealed partial class ReferenceBackend
{
    public override void Cholesky(Tensor a, Tensor info)
    {
        RequireOwn("Cholesky", a, info);
        long[] status = info.Data<long>();
        for (int b = 0; b < info.Count; b++) status[info.offset + b] = CholeskyBanachiewicz(new Matrix<double>(a, b));
    }

    /// <summary>Overwrites A with L; returns −1, or the row whose diagonal term was not positive.</summary>
    private static int CholeskyBanachiewicz(Matrix<double> a)
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= a[i, k] * a[j, k];
                if (j < i)
                {
                    a[i, j] = sum / a[j, j];
                    continue;
                }
                if (!(sum > 0)) return i;
                a[i, i] = Math.Sqrt(sum);
            }
            for (int j = i + 1; j < n; j++) a[i, j] = 0;   // L is lower-triangular
        }
        return -1;
    }
}

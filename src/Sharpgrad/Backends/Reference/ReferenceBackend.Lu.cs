namespace Sharpgrad.Backends.Reference;

// LU factorisation with partial pivoting, PA = LU, by Doolittle's method (GBC §2.3 on solving linear systems;
// Golub & Van Loan §3.2 and §3.4, the "gaxpy" form): column j of L and row j of U are computed from A and the rows and
// columns already found,
//   u_jc = a_jc − Σ_{p<j} l_jp u_pc  (c ≥ j),    l_ij = (a_ij − Σ_{p<j} l_ip u_pj) / u_jj  (i > j),
// after swapping up the row with the largest |a_ij − Σ l_ip u_pj| so that every |l_ij| ≤ 1. L (unit diagonal, not stored)
// and U overwrite A: the compact form LAPACK returns. A zero column gets a zero pivot and no division, as in LAPACK.
internal sealed partial class ReferenceBackend
{
    public override void LuFactor(Tensor a, Tensor pivots, Tensor order)
    {
        RequireOwn("LuFactor", a, pivots, order);
        for (int b = 0; b < Matrix<double>.CountIn(a); b++)
        {
            var swaps = Doolittle(new Matrix<double>(a, b));
            var piv = new Matrix<long>(pivots.Unsqueeze(-2), b);
            var rows = new Matrix<long>(order.Unsqueeze(-2), b);
            for (int i = 0; i < rows.Cols; i++) rows[0, i] = i;
            for (int j = 0; j < swaps.Length; j++)
            {
                piv[0, j] = swaps[j] + 1;   // LAPACK counts rows from 1
                (rows[0, j], rows[0, swaps[j]]) = (rows[0, swaps[j]], rows[0, j]);
            }
        }
    }

    public override void LuSolve(Tensor lu, Tensor pivots, Tensor b)
    {
        RequireOwn("LuSolve", lu, pivots, b);
        for (int index = 0; index < Matrix<double>.CountIn(lu); index++)
        {
            var piv = new Matrix<long>(pivots.Unsqueeze(-2), index);
            var swaps = new int[piv.Cols];
            for (int j = 0; j < swaps.Length; j++) swaps[j] = (int)piv[0, j] - 1;
            SubstituteLu(new Matrix<double>(lu, index), swaps, new Matrix<double>(b, index));
        }
    }

    public override void Solve(Tensor a, Tensor b, Tensor info, double relativeTolerance)
    {
        RequireOwn("Solve", a, b, info);
        long[] status = info.Data<long>();
        for (int index = 0; index < info.Count; index++)
        {
            var matrix = new Matrix<double>(a, index);
            double tolerance = relativeTolerance * LargestMagnitude(matrix, upper: null);
            var swaps = Doolittle(matrix);
            int zero = -1;
            for (int j = matrix.Rows - 1; j >= 0; j--)
                if (Math.Abs(matrix[j, j]) <= tolerance) zero = j;   // the first negligible pivot
            if (zero < 0) SubstituteLu(matrix, swaps, new Matrix<double>(b, index));
            status[info.offset + index] = zero;
        }
    }

    public override void Determinant(Tensor a, Tensor det, Tensor sign, Tensor logAbsDet)
    {
        RequireOwn("Determinant", a, det, sign, logAbsDet);
        double[] d = det.Data<double>(), s = sign.Data<double>(), l = logAbsDet.Data<double>();
        for (int index = 0; index < det.Count; index++)
        {
            // det A = det Pᵀ · det L · det U = (−1)^(row swaps) · 1 · ∏ u_jj (GBC §2.11: the product of the eigenvalues).
            var lu = new Matrix<double>(a, index);
            var swaps = Doolittle(lu);
            double product = 1, signOf = 1, logOf = 0;
            for (int j = 0; j < lu.Rows; j++)
            {
                if (swaps[j] != j) (product, signOf) = (-product, -signOf);
                product *= lu[j, j];
                signOf *= Math.Sign(lu[j, j]);
                logOf += Math.Log(Math.Abs(lu[j, j]));
            }
            (d[det.offset + index], s[sign.offset + index], l[logAbsDet.offset + index]) = (product, signOf, logOf);
        }
    }

    /// <summary>Overwrites the m×n A with its compact LU; returns the row swapped with row j at step j.</summary>
    private static int[] Doolittle(Matrix<double> a)
    {
        int m = a.Rows, n = a.Cols, k = Math.Min(m, n);
        var swaps = new int[k];
        for (int j = 0; j < k; j++)
        {
            // Column j on and below the diagonal, less what the earlier columns of L and rows of U account for.
            for (int i = j; i < m; i++)
                for (int p = 0; p < j; p++) a[i, j] -= a[i, p] * a[p, j];
            int pivot = j;
            for (int i = j + 1; i < m; i++)
                if (Math.Abs(a[i, j]) > Math.Abs(a[pivot, j])) pivot = i;
            swaps[j] = pivot;
            a.SwapRows(j, pivot);
            if (a[j, j] != 0)
                for (int i = j + 1; i < m; i++) a[i, j] /= a[j, j];
            // Row j of U right of the diagonal.
            for (int c = j + 1; c < n; c++)
                for (int p = 0; p < j; p++) a[j, c] -= a[j, p] * a[p, c];
        }
        return swaps;
    }

    /// <summary>X = U⁻¹ L⁻¹ P B in place of B: the row swaps, then forward substitution with the unit L, then back substitution with U.</summary>
    private static void SubstituteLu(Matrix<double> lu, int[] swaps, Matrix<double> b)
    {
        for (int j = 0; j < swaps.Length; j++) b.SwapRows(j, swaps[j]);
        ForwardSubstitution(lu, b, unitDiagonal: true);
        BackSubstitution(lu, b, unitDiagonal: false);
    }
}

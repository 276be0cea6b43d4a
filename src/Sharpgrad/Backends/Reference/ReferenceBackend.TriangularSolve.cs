namespace Sharpgrad.Backends.Reference;

// Forward and back substitution for triangular systems T X = B (GBC §2.3; Golub & Van Loan Alg. 3.1.1 and 3.1.2): the
// unknowns of each column of B are found one at a time, each from the ones already known,
//   lower: x_i = (b_i − Σ_{j<i} t_ij x_j) / t_ii,    upper: x_i = (b_i − Σ_{j>i} t_ij x_j) / t_ii, from the last row up.
internal sealed partial class ReferenceBackend
{
    public override void SolveTriangular(Tensor t, Tensor b, Tensor info, bool upper, bool unitDiagonal, double relativeTolerance)
    {
        RequireOwn("SolveTriangular", t, b, info);
        long[] status = info.Data<long>();
        for (int index = 0; index < info.Count; index++)
        {
            var triangle = new Matrix<double>(t, index);
            int zero = -1;
            if (!unitDiagonal)
            {
                double tolerance = relativeTolerance * LargestMagnitude(triangle, upper);
                for (int j = triangle.Rows - 1; j >= 0; j--)
                    if (Math.Abs(triangle[j, j]) <= tolerance) zero = j;   // the first negligible diagonal entry
            }
            status[info.offset + index] = zero;
            if (zero >= 0) continue;
            if (upper) BackSubstitution(triangle, new Matrix<double>(b, index), unitDiagonal);
            else ForwardSubstitution(triangle, new Matrix<double>(b, index), unitDiagonal);
        }
    }

    private static void ForwardSubstitution(Matrix<double> t, Matrix<double> b, bool unitDiagonal)
    {
        for (int c = 0; c < b.Cols; c++)
            for (int i = 0; i < t.Rows; i++)
            {
                double sum = b[i, c];
                for (int j = 0; j < i; j++) sum -= t[i, j] * b[j, c];
                b[i, c] = unitDiagonal ? sum : sum / t[i, i];
            }
    }

    private static void BackSubstitution(Matrix<double> t, Matrix<double> b, bool unitDiagonal)
    {
        for (int c = 0; c < b.Cols; c++)
            for (int i = t.Rows - 1; i >= 0; i--)
            {
                double sum = b[i, c];
                for (int j = i + 1; j < t.Rows; j++) sum -= t[i, j] * b[j, c];
                b[i, c] = unitDiagonal ? sum : sum / t[i, i];
            }
    }

    /// <summary>max |a_ij| over the whole matrix (<paramref name="upper"/> null), or over its upper or lower triangle.</summary>
    private static double LargestMagnitude(Matrix<double> a, bool? upper)
    {
        double largest = 0;
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
                if (upper is null || (upper.Value ? j >= i : j <= i)) largest = Math.Max(largest, Math.Abs(a[i, j]));
        return largest;
    }
}

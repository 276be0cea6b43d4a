namespace Sharpgrad.Backends.Reference;

// The cyclic Jacobi eigenvalue algorithm (Golub & Van Loan Alg. 8.5.2–8.5.3; GBC §2.7 on the eigendecomposition of a
// real symmetric matrix, A = V diag(λ) Vᵀ). Each step picks an off-diagonal pair (p, q) and applies the plane rotation J
// that zeroes a_pq, A ← JᵀAJ; the sum of squares off the diagonal only shrinks, so sweeps over every pair in row order
// drive A to diagonal form. The diagonal is then λ and the product of the rotations is V.
internal sealed partial class ReferenceBackend
{
    private const double DoubleEpsilon = 2.220446049250313e-16;
    private const int MaxSweeps = 100;

    public override void Eigh(Tensor a, Tensor values, Tensor vectors, Tensor converged)
    {
        RequireOwn("Eigh", a, values, vectors, converged);
        bool[] ok = converged.Data<bool>();
        for (int b = 0; b < converged.Count; b++)
        {
            var (lambda, v, done) = CyclicJacobi(new Matrix<double>(a, b));
            ok[converged.offset + b] = done;
            // Ascending eigenvalues, equal ones in the order found, each with its column of V.
            var order = Enumerable.Range(0, lambda.Length).OrderBy(j => lambda[j]).ToArray();
            var w = new Matrix<double>(values.Unsqueeze(-2), b);
            var vOut = new Matrix<double>(vectors, b);
            for (int j = 0; j < order.Length; j++)
            {
                w[0, j] = lambda[order[j]];
                for (int i = 0; i < order.Length; i++) vOut[i, j] = v[i, order[j]];
            }
        }
    }

    /// <summary>The diagonal of the converged A (unsorted), V, and whether the off-diagonal part became negligible.</summary>
    private static (double[] Lambda, double[,] V, bool Converged) CyclicJacobi(Matrix<double> input)
    {
        int n = input.Rows;
        var a = new double[n, n];
        var v = new double[n, n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            v[i, i] = 1;
            for (int j = 0; j < n; j++) total += (a[i, j] = input[i, j]) * input[i, j];
        }
        double tolerance = DoubleEpsilon * Math.Sqrt(total);   // stop when off(A) ≤ ε‖A‖_F (GVL eq. 8.5.5)
        bool converged = false;
        for (int sweep = 0; sweep < MaxSweeps && !converged; sweep++)
        {
            double off = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (i != j) off += a[i, j] * a[i, j];
            converged = Math.Sqrt(off) <= tolerance;
            if (converged) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0) continue;
                    // The symmetric Schur decomposition of the 2×2 block (GVL Alg. 8.5.1): the smaller of the two
                    // angles, t = tan θ, with τ = (a_qq − a_pp) / (2a_pq) and t² + 2τt − 1 = 0.
                    double tau = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = tau >= 0 ? 1 / (tau + Math.Sqrt(1 + tau * tau)) : -1 / (-tau + Math.Sqrt(1 + tau * tau));
                    double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
                    for (int k = 0; k < n; k++)   // A ← A J: columns p and q
                        (a[k, p], a[k, q]) = (c * a[k, p] - s * a[k, q], s * a[k, p] + c * a[k, q]);
                    for (int k = 0; k < n; k++)   // A ← Jᵀ A: rows p and q
                        (a[p, k], a[q, k]) = (c * a[p, k] - s * a[q, k], s * a[p, k] + c * a[q, k]);
                    for (int k = 0; k < n; k++)   // V ← V J
                        (v[k, p], v[k, q]) = (c * v[k, p] - s * v[k, q], s * v[k, p] + c * v[k, q]);
                }
        }
        var lambda = new double[n];
        for (int i = 0; i < n; i++) lambda[i] = a[i, i];
        return (lambda, v, converged);
    }
}

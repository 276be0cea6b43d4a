namespace Sharpgrad.Backends;

// Linear-algebra primitives (Linalg/*.cs). Every factorisation runs in float64 on a batch of matrices: the tensors are
// contiguous float64 [..., rows, cols] (all leading dims are the batch), freshly copied by the op so that a primitive
// may overwrite them, and the small per-matrix outcomes (a failed pivot, say) come back in an int64 tensor with the
// batch's shape, which the op reads to throw a message naming the matrix.
internal abstract partial class Backend
{
    /// <summary>
    /// Cholesky factorisation A = LLᵀ of every matrix of <paramref name="a"/> [..., n, n], overwritten by L (zeros above
    /// the diagonal); only the lower triangle is read. <paramref name="info"/> [...] receives −1, or the 0-based j at
    /// which the pivot a_jj − Σ l_jk² was not positive (the matrix is not positive-definite; L is then incomplete).
    /// </summary>
    public abstract void Cholesky(Tensor a, Tensor info);

    /// <summary>
    /// LU with partial pivoting, PA = LU, of every matrix of <paramref name="a"/> [..., m, n], overwritten by the compact
    /// LU (unit L below the diagonal, U on and above). At step j the row with the largest |a_ij| (the first of equals) is
    /// swapped up; a zero column gets a zero pivot and is left alone. <paramref name="pivots"/> [..., min(m, n)]
    /// receives LAPACK's 1-based row swaps, <paramref name="order"/> [..., m] the row of A that is row i of PA (both int64).
    /// </summary>
    public abstract void LuFactor(Tensor a, Tensor pivots, Tensor order);

    /// <summary>
    /// Solves A X = B from A's compact LU [..., n, n] and 1-based int64 <paramref name="pivots"/> [..., n], overwriting
    /// <paramref name="b"/> [..., n, k] with X.
    /// </summary>
    public abstract void LuSolve(Tensor lu, Tensor pivots, Tensor b);

    /// <summary>
    /// Solves A X = B for square A: factors <paramref name="a"/> [..., n, n] in place as <see cref="LuFactor"/> does and,
    /// unless a pivot is negligible (|u_jj| ≤ <paramref name="relativeTolerance"/>·max|a_ij| of the original A),
    /// overwrites <paramref name="b"/> [..., n, k] with X. <paramref name="info"/> [...] receives −1 or that pivot's column.
    /// </summary>
    public abstract void Solve(Tensor a, Tensor b, Tensor info, double relativeTolerance);

    /// <summary>
    /// Solves T X = B for triangular T [..., n, n] by substitution, overwriting <paramref name="b"/> [..., n, k]. Only the
    /// <paramref name="upper"/> or lower triangle is read; with <paramref name="unitDiagonal"/> the diagonal counts as ones.
    /// Otherwise a diagonal entry |t_jj| ≤ <paramref name="relativeTolerance"/>·max|t_ij| (over the triangle) stops the
    /// solve for that matrix: <paramref name="info"/> [...] receives its column, else −1.
    /// </summary>
    public abstract void SolveTriangular(Tensor t, Tensor b, Tensor info, bool upper, bool unitDiagonal, double relativeTolerance);

    /// <summary>
    /// det A, sign(det A) and log|det A| of every matrix of <paramref name="a"/> [..., n, n] from its LU factorisation
    /// (a is overwritten); det, sign and logAbsDet are float64 [...]. A singular matrix gives det 0, sign 0, log|det| −∞.
    /// </summary>
    public abstract void Determinant(Tensor a, Tensor det, Tensor sign, Tensor logAbsDet);

    /// <summary>
    /// QR by Householder reflections of every matrix of <paramref name="a"/> [..., m, n] (read only), k = min(m, n). Step
    /// j reflects column j below the diagonal onto α·e₁ with α of the sign opposite to the column's first entry, and
    /// skips the reflection when the entries below the diagonal are already zero (LAPACK's convention, so R's diagonal
    /// matches PyTorch's). Writes the upper-trapezoidal <paramref name="r"/> [..., rRows, n] (rRows = k or m; rows past k
    /// are zero) and, unless null, the first qCols columns of Q = H₀⋯H_{k−1} into <paramref name="q"/> [..., m, qCols].
    /// </summary>
    public abstract void Qr(Tensor a, Tensor r, Tensor? q);

    /// <summary>
    /// Eigenvalues (ascending; equal ones keep their order) into <paramref name="values"/> [..., n] and unit eigenvectors
    /// (the columns, matching) into <paramref name="vectors"/> [..., n, n] of every symmetric matrix of
    /// <paramref name="a"/> [..., n, n] (both triangles hold it; read only). Each eigenvector's sign is whatever the
    /// algorithm gives: backends may differ by a sign per vector. <paramref name="converged"/> (bool [...]) tells
    /// whether the iteration converged.
    /// </summary>
    public abstract void Eigh(Tensor a, Tensor values, Tensor vectors, Tensor converged);

    /// <summary>
    /// A = U diag(σ) Vᵀ of every matrix of <paramref name="a"/> [..., m, n] (read only), k = min(m, n): σ descending
    /// into <paramref name="s"/> [..., k], U into <paramref name="u"/> [..., m, uCols] (uCols = k or m, the columns past
    /// the nonzero σ completed to an orthonormal basis) and Vᵀ into <paramref name="vh"/> [..., vtRows, n] (vtRows = k
    /// or n). Each pair (uᵢ, vᵢ) may differ between backends by a common sign. <paramref name="converged"/> (bool [...])
    /// tells whether the sweeps converged.
    /// </summary>
    public abstract void Svd(Tensor a, Tensor s, Tensor u, Tensor vh, Tensor converged);
}

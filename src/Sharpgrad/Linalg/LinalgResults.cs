namespace Sharpgrad;

// The named results of the decompositions; each deconstructs like PyTorch's named tuples, e.g. var (q, r) = Linalg.Qr(a).

/// <summary>A = P L U: P a permutation matrix [.., m, m], L unit lower-triangular [.., m, k], U upper [.., k, n], k = min(m, n).</summary>
public sealed record LuResult(Tensor P, Tensor L, Tensor U);

/// <summary>
/// The compact LU form: L below the diagonal (its unit diagonal implied) and U on and above it, in one matrix;
/// Pivots [.., k] are LAPACK's 1-based row interchanges (row i was swapped with row Pivots[i] − 1).
/// </summary>
public sealed record LuFactorResult(Tensor LU, Tensor Pivots);

/// <summary>A = Q R with orthonormal columns in Q and upper-triangular R.</summary>
public sealed record QrResult(Tensor Q, Tensor R);

/// <summary>A = V diag(Eigenvalues) Vᵀ; the eigenvectors are the columns of <see cref="Eigenvectors"/>.</summary>
public sealed record EighResult(Tensor Eigenvalues, Tensor Eigenvectors);

/// <summary>A = U diag(S) Vh with singular values S in descending order.</summary>
public sealed record SvdResult(Tensor U, Tensor S, Tensor Vh);

/// <summary>det A = Sign · exp(LogAbsDet); Sign is 0 and LogAbsDet −∞ for a singular matrix.</summary>
public sealed record SlogDetResult(Tensor Sign, Tensor LogAbsDet);

/// <summary>
/// The least-squares solution X minimising ‖AX − B‖ (the minimum-norm one when A is rank-deficient), the squared
/// residuals ‖AX − B‖² per column (only for tall full-rank A, else empty), the numerical rank of A, and A's singular
/// values (only when the SVD was used, else empty).
/// </summary>
public sealed record LstsqResult(Tensor Solution, Tensor Residuals, Tensor Rank, Tensor SingularValues);

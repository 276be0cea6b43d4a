using static Sharpgrad.Tests.LinearAlgebra.TestMatrices;

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>
/// Float64 gradient checks (full Jacobian by central differences) for every differentiable linear-algebra op.
/// Functions of eigen- and singular vectors use gauge-invariant quantities (v∘v, v vᵀ), because each vector's sign
/// is arbitrary and a finite difference could flip it.
/// </summary>
public class GradientTests
{
    private static Tensor Param(int[] shape, int seed) => Random(shape, DType.Float64, seed).RequireGrad();

    /// <summary>A well-conditioned square matrix: random plus a multiple of I.</summary>
    private static Tensor WellConditioned(int n, int seed) => (Random([n, n], DType.Float64, seed) + 3 * Tensor.Eye(n, dtype: DType.Float64)).RequireGrad();

    private static Tensor SpdOf(Tensor x) => x.Transpose(-2, -1).MatMul(x) + x.Shape[^1] * Tensor.Eye(x.Shape[^1], dtype: DType.Float64);

    private static Tensor Flat(params Tensor[] parts) => Tensor.Cat(parts.Select(p => p.Reshape(-1)).ToArray());

    [Fact]
    public void Solve()
    {
        GradCheck.Assert(t => Linalg.Solve(t[0], t[1]), WellConditioned(4, 1), Param([4, 2], 2));
        GradCheck.Assert(t => Linalg.Solve(t[0], t[1]), WellConditioned(3, 3), Param([3], 4));
        GradCheck.Assert(t => Linalg.Solve(t[0], t[1], left: false), WellConditioned(3, 3), Param([2, 3], 4));
        // Batch dims broadcast: one right-hand side for a batch of two matrices.
        GradCheck.Assert(t => Linalg.Solve(t[0], t[1]), (Random([2, 3, 3], DType.Float64, 5) + 3 * Tensor.Eye(3, dtype: DType.Float64)).RequireGrad(), Param([3, 2], 6));
    }

    [Fact]
    public void InvDetAndSlogDet()
    {
        GradCheck.Assert(t => Linalg.Inv(t[0]), WellConditioned(3, 7));
        GradCheck.Assert(t => Linalg.Det(t[0]), Param([4, 4], 8));
        GradCheck.Assert(t => Linalg.Det(t[0]), Param([2, 3, 3], 9));
        GradCheck.Assert(t => Linalg.SlogDet(t[0]).LogAbsDet, Param([4, 4], 10));
    }

    [Fact]
    public void CholeskyAndTriangularSolves()
    {
        // SPD inputs are built inside the function, so every perturbation stays SPD.
        GradCheck.Assert(t => Linalg.Cholesky(SpdOf(t[0])), Param([4, 4], 11));
        GradCheck.Assert(t => Linalg.Cholesky(SpdOf(t[0]), upper: true), Param([2, 3, 3], 12));
        // Reading only the lower triangle, the exact gradient w.r.t. a raw (unsymmetric) input is zero above it.
        GradCheck.Assert(t => Linalg.Cholesky(t[0] + 6 * Tensor.Eye(3, dtype: DType.Float64)), Param([3, 3], 13));
        GradCheck.Assert(t => Linalg.CholeskySolve(t[1], Linalg.Cholesky(SpdOf(t[0]))), Param([3, 3], 14), Param([3, 2], 15));
        foreach (var upper in new[] { false, true })
            foreach (var left in new[] { true, false })
                GradCheck.Assert(t => Linalg.SolveTriangular(t[0] + 3 * Tensor.Eye(3, dtype: DType.Float64), t[1], upper, left),
                    Param([3, 3], 16), Param([3, 3], 17));
        GradCheck.Assert(t => Linalg.SolveTriangular(t[0], t[1], upper: false, unitriangular: true), Param([3, 3], 18), Param([3, 2], 19));
    }

    [Fact]
    public void Eigh()
    {
        GradCheck.Assert(t =>
        {
            var (w, v) = Linalg.Eigh((t[0] + t[0].T) / 2);
            var top = v.Narrow(1, 3, 1);
            return Flat(w, v * v, top.MatMul(top.T));
        }, Param([4, 4], 20));
        // A batch, and reading the upper triangle of an unsymmetric input.
        GradCheck.Assert(t => Flat(Linalg.Eigh(t[0], "U").Eigenvalues), Param([2, 3, 3], 21));
        GradCheck.Assert(t => Linalg.EighDescending(t[0] + t[0].T).Eigenvectors.Square(), Param([3, 3], 22));
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    public void SvdThroughUSAndVh(int m, int n)
    {
        GradCheck.Assert(t =>
        {
            var (u, s, vh) = Linalg.Svd(t[0], fullMatrices: false);
            return Flat(s, u * u, vh * vh);
        }, Param([m, n], 23 + m * n));
    }

    [Fact]
    public void SvdFullMatricesAndSvdvals()
    {
        GradCheck.Assert(t => Linalg.Svd(t[0]).S, Param([5, 3], 30));
        GradCheck.Assert(t => Linalg.Svdvals(t[0]), Param([2, 3, 4], 31));
        // Full U: the gradient through its first k columns is used, the arbitrary rest is ignored.
        GradCheck.Assert(t => Linalg.Svd(t[0]).U.Narrow(-1, 0, 2).Square(), Param([4, 2], 32));
    }

    [Theory]
    [InlineData(5, 3, "reduced")]
    [InlineData(3, 3, "complete")]
    [InlineData(3, 5, "reduced")]
    [InlineData(3, 5, "complete")]
    public void Qr(int m, int n, string mode)
    {
        GradCheck.Assert(t =>
        {
            var (q, r) = Linalg.Qr(t[0], mode);
            return Flat(q, r);
        }, Param([m, n], 40 + m * n));
    }

    [Fact]
    public void PinvLstsqNormsAndCond()
    {
        GradCheck.Assert(t => Linalg.Pinv(t[0]), Param([4, 3], 50));
        GradCheck.Assert(t => Linalg.Lstsq(t[0], t[1]).Solution, Param([5, 3], 51), Param([5, 2], 52));
        GradCheck.Assert(t => Linalg.Lstsq(t[0], t[1], driver: "gelsd").Solution, Param([5, 3], 53), Param([5], 54));
        GradCheck.Assert(t => Linalg.Lstsq(t[0], t[1]).Solution, Param([2, 4], 55), Param([2, 2], 56));
        GradCheck.Assert(t => Flat(Linalg.MatrixNorm(t[0]), Linalg.MatrixNorm(t[0], "nuc"), Linalg.MatrixNorm(t[0], 2), Linalg.MatrixNorm(t[0], -2),
            Linalg.MatrixNorm(t[0], 1), Linalg.MatrixNorm(t[0], double.PositiveInfinity)), Param([4, 3], 57));
        GradCheck.Assert(t => Flat(Linalg.Cond(t[0]), Linalg.Cond(t[0], 1.0), Linalg.VectorNorm(t[0], 3), Linalg.VectorNorm(t[0], -1)), WellConditioned(3, 58));
        GradCheck.Assert(t => Flat(Linalg.Trace(t[0]), Linalg.Diagonal(t[0]), Linalg.Tril(t[0], -1), Linalg.Triu(t[0], 1)), Param([3, 4], 59));
    }

    [Fact]
    public void SecondOrder()
    {
        // The backward rules are themselves made of differentiable ops, so Hessian-vector products work.
        GradCheck.RunSecondOrder(t => Linalg.Solve(t[0], t[1]), [WellConditioned(3, 60), Param([3, 2], 61)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Linalg.Det(t[0]), [Param([3, 3], 62)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Linalg.Inv(t[0]), [WellConditioned(3, 63)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Linalg.SlogDet(t[0]).LogAbsDet, [WellConditioned(3, 64)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Linalg.Cholesky(SpdOf(t[0])), [Param([3, 3], 65)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Linalg.Eigvalsh(t[0] + t[0].T), [Param([3, 3], 66)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Linalg.Svdvals(t[0]), [Param([3, 2], 67)]).ThrowIfFailed();
    }
}

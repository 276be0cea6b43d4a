namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>Bad input fails early with a message that names the op, the shapes and what was expected.</summary>
public class BadInputTests
{
    private static readonly Tensor Singular = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });

    [Fact]
    public void SingularMatrixInSolveAndInvNamesTheZeroPivot()
    {
        var e = Assert.Throws<LinalgException>(() => Linalg.Solve(Singular, Tensor.Ones([3], DType.Float64)));
        Assert.StartsWith("Solve: matrix is singular (zero pivot at column 2) for input of shape [3, 3].", e.Message);
        e = Assert.Throws<LinalgException>(() => Linalg.Inv(Tensor.Zeros([2, 2], DType.Float64)));
        Assert.StartsWith("Inv: matrix is singular (zero pivot at column 0) for input of shape [2, 2].", e.Message);
        var batch = Tensor.Stack([Tensor.Eye(3, dtype: DType.Float64), Singular]);
        e = Assert.Throws<LinalgException>(() => Linalg.Inv(batch));
        Assert.StartsWith("Inv: matrix 1 of the batch is singular (zero pivot at column 2) for input of shape [2, 3, 3].", e.Message);
        e = Assert.Throws<LinalgException>(() => Linalg.SolveTriangular(Tensor.From(new double[,] { { 1, 0 }, { 5, 0 } }), Tensor.Ones([2, 1], DType.Float64), upper: false));
        Assert.StartsWith("SolveTriangular: matrix is singular (zero pivot at column 1)", e.Message);
        // The same in float32, where the tolerance is float32's ε.
        Assert.Throws<LinalgException>(() => Linalg.Inv(Singular.Float()));
    }

    [Fact]
    public void PinvLstsqDetAndLuWorkOnSingularInput()
    {
        var pinv = Linalg.Pinv(Singular);
        // The four Penrose conditions (GBC §2.9): A A⁺ A = A, A⁺ A A⁺ = A⁺, and A A⁺, A⁺ A symmetric.
        Assert.True(Singular.MatMul(pinv).MatMul(Singular).AllClose(Singular, 1e-10, 1e-10));
        Assert.True(pinv.MatMul(Singular).MatMul(pinv).AllClose(pinv, 1e-10, 1e-10));
        Assert.True(Singular.MatMul(pinv).AllClose(Singular.MatMul(pinv).T, 1e-10, 1e-10));
        Assert.True(pinv.MatMul(Singular).AllClose(pinv.MatMul(Singular).T, 1e-10, 1e-10));
        var b = Tensor.From(new[] { 1.0, 2.0, 3.0 });
        var fit = Linalg.Lstsq(Singular, b);
        Assert.Equal(2, fit.Rank.Item());
        Assert.True(fit.Solution.AllClose(pinv.MatMul(b), 1e-10, 1e-10));
        Assert.Throws<LinalgException>(() => Linalg.Lstsq(Singular, b, driver: "gels"));
        Assert.True(Math.Abs(Linalg.Det(Singular).Item()) < 1e-14);
        var (p, l, u) = Linalg.Lu(Singular);
        Assert.True(p.MatMul(l).MatMul(u).AllClose(Singular, 1e-14, 1e-14));
    }

    [Fact]
    public void NotPositiveDefiniteNamesTheFailingLeadingMinor()
    {
        var e = Assert.Throws<LinalgException>(() => Linalg.Cholesky(Tensor.From(new double[,] { { 4, 2, 0 }, { 2, 1, 0 }, { 0, 0, 1 } })));
        Assert.Equal("Cholesky: matrix is not positive-definite: the leading minor of order 2 is not positive (input of shape [3, 3]).", e.Message);
        e = Assert.Throws<LinalgException>(() => Linalg.Cholesky(Tensor.Stack([Tensor.Eye(2, dtype: DType.Float64), -Tensor.Eye(2, dtype: DType.Float64)])));
        Assert.Equal("Cholesky: matrix 1 of the batch is not positive-definite: the leading minor of order 1 is not positive (input of shape [2, 2, 2]).", e.Message);
    }

    [Fact]
    public void ShapesThatDoNotFitAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Ones([3, 4], DType.Float64), Tensor.Ones([3], DType.Float64)));
        Assert.Equal("Solve: A must be a square matrix or a batch of square matrices [..., n, n], got shape [3, 4].", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Eye(3, dtype: DType.Float64), Tensor.Ones([4, 2], DType.Float64)));
        Assert.Equal("Solve: A of shape [3, 3] and B of shape [4, 2] do not match (B needs 3 rows, got 4).", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Ones([2, 3, 3], DType.Float64), Tensor.Ones([4, 3, 1], DType.Float64)));
        Assert.Contains("Solve: shapes [2] and [4] cannot be broadcast", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linalg.Det(Tensor.Ones([5], DType.Float64)));
        Assert.Equal("Det: A must be a matrix or a batch of matrices [..., m, n], got shape [5].", e.Message);
        Assert.Contains("Eigh: A must be a square matrix", Assert.Throws<ArgumentException>(() => Linalg.Eigh(Tensor.Ones([2, 3]))).Message);
        Assert.Contains("Cholesky: A must be a square matrix", Assert.Throws<ArgumentException>(() => Linalg.Cholesky(Tensor.Ones([2, 3]))).Message);
        Assert.Contains("LuSolve: LU of shape [2, 2] and B of shape [3, 1] do not match", Assert.Throws<ArgumentException>(
            () => Linalg.LuSolve(Tensor.Eye(2, dtype: DType.Float64), Tensor.From(new long[] { 1, 2 }), Tensor.Ones([3, 1], DType.Float64))).Message);
        Assert.Contains("MatrixNorm: dim must name two different dims", Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(Tensor.Ones([2, 2]), dim: [1, -1])).Message);
    }

    [Fact]
    public void WrongDTypesAndOptionsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Linalg.Inv(Tensor.From(new long[,] { { 1, 0 }, { 0, 1 } })));
        Assert.Equal("Inv: A must be float32 or float64, got int64 of shape [2, 2].", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Eye(2, dtype: DType.Float64), Tensor.Ones([2])));
        Assert.Equal("Solve: A and B must have the same dtype, got float64 and float32.", e.Message);
        Assert.Contains("Qr: mode must be", Assert.Throws<ArgumentException>(() => Linalg.Qr(Tensor.Ones([2, 2]), "economic")).Message);
        Assert.Contains("Eigh: uplo must be", Assert.Throws<ArgumentException>(() => Linalg.Eigh(Tensor.Ones([2, 2]), "X")).Message);
        Assert.Contains("MatrixNorm: a numeric ord must be one of ±1, ±2, ±∞, got 3", Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(Tensor.Ones([2, 2]), 3)).Message);
        Assert.Contains("MatrixNorm: ord must be \"fro\" or \"nuc\"", Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(Tensor.Ones([2, 2]), "max")).Message);
        Assert.Contains("Lstsq: driver must be", Assert.Throws<ArgumentException>(() => Linalg.Lstsq(Tensor.Ones([2, 2]), Tensor.Ones([2]), driver: "magic")).Message);
    }

    [Fact]
    public void NaNAndInfinityAreRejectedByTheFactorisations()
    {
        var nan = Tensor.From(new double[,] { { 1, double.NaN }, { 0, 1 } });
        var inf = Tensor.From(new double[,] { { 1, 0 }, { double.PositiveInfinity, 1 } });
        const string expected = "A of shape [2, 2] contains NaN or infinite entries; expected finite values.";
        Assert.Equal($"Eigh: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Eigh(nan)).Message);
        Assert.Equal($"Svd: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Svd(inf)).Message);
        Assert.Equal($"Solve: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Solve(nan, Tensor.Ones([2], DType.Float64))).Message);
        Assert.Equal($"Qr: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Qr(inf)).Message);
        Assert.Equal($"Cholesky: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Cholesky(inf)).Message);
        Assert.Equal($"Det: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Det(nan)).Message);
        Assert.Equal($"Lu: {expected}", Assert.Throws<ArgumentException>(() => Linalg.Lu(nan)).Message);
        Assert.Equal("Solve: B of shape [2] contains NaN or infinite entries; expected finite values.",
            Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Eye(2, dtype: DType.Float64), Tensor.From(new[] { 1.0, double.NaN }))).Message);
    }

    [Fact]
    public void OpsWithoutABackwardRefuseToSilentlyCutTheGraph()
    {
        var a = Tensor.Eye(2, dtype: DType.Float64).RequireGrad();
        Assert.Contains("LuFactor: gradients through LuFactor are not implemented", Assert.Throws<NotSupportedException>(() => Linalg.LuFactor(a)).Message);
        Assert.Throws<NotSupportedException>(() => Linalg.Lu(a));
        Assert.Throws<NotSupportedException>(() => Linalg.Qr(a, "r"));
        using (Autograd.NoGrad()) Assert.Equal(2, Linalg.Lu(a).U.Shape[0]);
        var (q, _) = Linalg.Qr(Tensor.Ones([3, 2], DType.Float64).RequireGrad(), "complete");
        Assert.Contains("Qr backward: with mode \"complete\" and m > n", Assert.Throws<NotSupportedException>(() => q.Sum().Backward()).Message);
    }
}

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>Small matrices whose factors, inverses and norms are known in closed form.</summary>
public class ClosedFormTests
{
    private static Tensor M(double[,] values) => Tensor.From(values);

    [Fact]
    public void EigenvaluesOfA2x2SymmetricMatrix()
    {
        // [[a, b], [b, c]]: λ = (a+c)/2 ∓ √(((a−c)/2)² + b²); for [[2, 1], [1, 2]] that is {1, 3}, vectors (1, ∓1)/√2.
        var (w, v) = Linalg.Eigh(M(new double[,] { { 2, 1 }, { 1, 2 } }));
        Assert.Equal(1, w[0].Item(), 14);
        Assert.Equal(3, w[1].Item(), 14);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(v[0, 0].Item()), 14);
        Assert.Equal(-v[0, 0].Item(), v[1, 0].Item(), 14);
        Assert.Equal(v[0, 1].Item(), v[1, 1].Item(), 14);
        var (a, b, c) = (4.0, -1.5, 0.5);
        var general = Linalg.Eigvalsh(M(new double[,] { { a, b }, { b, c } })).ToArray<double>();
        double mid = (a + c) / 2, radius = Math.Sqrt((a - c) * (a - c) / 4 + b * b);
        Assert.Equal(mid - radius, general[0], 13);
        Assert.Equal(mid + radius, general[1], 13);
        // EighDescending only reverses the order.
        Assert.Equal(new[] { mid + radius, mid - radius }, Linalg.EighDescending(M(new double[,] { { a, b }, { b, c } })).Eigenvalues.ToArray<double>(), new ToleranceComparer(1e-13));
    }

    [Fact]
    public void DeterminantOfATriangularMatrixIsTheProductOfItsDiagonal()
    {
        var t = M(new double[,] { { 2, 0, 0 }, { 3, -1, 0 }, { 4, 5, 0.5 } });
        Assert.Equal(-1, Linalg.Det(t).Item(), 14);
        Assert.Equal(-2, Linalg.Det(M(new double[,] { { 1, 2 }, { 3, 4 } })).Item(), 14);
        var (sign, logAbs) = Linalg.SlogDet(M(new double[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Equal(-1, sign.Item());
        Assert.Equal(Math.Log(2), logAbs.Item(), 14);
        var (zeroSign, zeroLog) = Linalg.SlogDet(M(new double[,] { { 1, 2 }, { 2, 4 } }));
        Assert.Equal(0, zeroSign.Item());
        Assert.Equal(double.NegativeInfinity, zeroLog.Item());
        Assert.Equal(0, Linalg.Det(M(new double[,] { { 1, 2 }, { 2, 4 } })).Item());
        // log|det| stays finite where det itself underflows: det(1e-200·I₃) = 1e-600.
        var tiny = 1e-200 * Tensor.Eye(3, dtype: DType.Float64);
        Assert.Equal(0, Linalg.Det(tiny).Item());
        Assert.Equal(-600 * Math.Log(10), Linalg.SlogDet(tiny).LogAbsDet.Item(), 10);
    }

    [Fact]
    public void InverseOfAKnownMatrix()
    {
        // [[4, 7], [2, 6]]⁻¹ = [[0.6, −0.7], [−0.2, 0.4]] (det = 10).
        var inverse = Linalg.Inv(M(new double[,] { { 4, 7 }, { 2, 6 } }));
        Assert.True(inverse.AllClose(M(new double[,] { { 0.6, -0.7 }, { -0.2, 0.4 } }), 1e-14, 1e-15));
        var inverse32 = Linalg.Inv(M(new double[,] { { 4, 7 }, { 2, 6 } }).Float());
        Assert.Equal(DType.Float32, inverse32.DType);
        Assert.True(inverse32.AllClose(M(new double[,] { { 0.6, -0.7 }, { -0.2, 0.4 } }), 1e-6, 1e-7));
        Assert.Equal(new[] { 1.0, 2.0 }, Linalg.Solve(M(new double[,] { { 4, 7 }, { 2, 6 } }), Tensor.From(new[] { 18.0, 14.0 })).ToArray<double>(), new ToleranceComparer(1e-14));
        // X A = B with X = [[1, 2], [3, 4]]: XA = [[8, 19], [20, 45]]; a row vector x = (1, 2) gives xA = (8, 19).
        Assert.True(Linalg.Solve(M(new double[,] { { 4, 7 }, { 2, 6 } }), M(new double[,] { { 8, 19 }, { 20, 45 } }), left: false).AllClose(M(new double[,] { { 1, 2 }, { 3, 4 } }), 1e-13, 1e-13));
        Assert.Equal(new[] { 1.0, 2.0 }, Linalg.Solve(M(new double[,] { { 4, 7 }, { 2, 6 } }), Tensor.From(new[] { 8.0, 19.0 }), left: false).ToArray<double>(), new ToleranceComparer(1e-13));
    }

    [Fact]
    public void CholeskyOfTheClassicExample()
    {
        // [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]].
        var l = Linalg.Cholesky(M(new double[,] { { 4, 12, -16 }, { 12, 37, -43 }, { -16, -43, 98 } }));
        Assert.True(l.AllClose(M(new double[,] { { 2, 0, 0 }, { 6, 1, 0 }, { -8, 5, 3 } }), 1e-14, 1e-14));
        var x = Linalg.CholeskySolve(Tensor.From(new[] { 0.0, 6.0, 39.0 }), l);
        Assert.True(M(new double[,] { { 4, 12, -16 }, { 12, 37, -43 }, { -16, -43, 98 } }).MatMul(x).AllClose(Tensor.From(new[] { 0.0, 6.0, 39.0 }), 1e-12, 1e-12));
    }

    [Fact]
    public void QrOfTheClassicExample()
    {
        // [[12, −51, 4], [6, 167, −68], [−4, 24, −41]]: |R| = [[14, 21, 14], [0, 175, 70], [0, 0, 35]] (signs depend on convention).
        var a = M(new double[,] { { 12, -51, 4 }, { 6, 167, -68 }, { -4, 24, -41 } });
        var (q, r) = Linalg.Qr(a);
        Assert.True(r.Abs().AllClose(M(new double[,] { { 14, 21, 14 }, { 0, 175, 70 }, { 0, 0, 35 } }), 1e-13, 1e-12));
        Assert.True(q.MatMul(r).AllClose(a, 1e-13, 1e-12));
        Assert.True(q.Abs().AllClose(M(new double[,] { { 6.0 / 7, 69.0 / 175, 58.0 / 175 }, { 3.0 / 7, 158.0 / 175, 6.0 / 175 }, { 2.0 / 7, 6.0 / 35, 33.0 / 35 } }), 1e-13, 1e-14));
    }

    [Fact]
    public void SingularValuesOfAKnownMatrix()
    {
        // [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5, so σ = (3√5, √5).
        var s = Linalg.Svdvals(M(new double[,] { { 3, 0 }, { 4, 5 } }));
        Assert.Equal(3 * Math.Sqrt(5), s[0].Item(), 13);
        Assert.Equal(Math.Sqrt(5), s[1].Item(), 13);
        Assert.Equal(3.0, Linalg.Cond(M(new double[,] { { 3, 0 }, { 4, 5 } })).Item(), 13);
        Assert.Equal(1000, Linalg.Cond(M(new double[,] { { 1, 0 }, { 0, 1e-3 } })).Item(), 9);
        Assert.Equal(double.PositiveInfinity, Linalg.Cond(M(new double[,] { { 1, 2 }, { 2, 4 } })).Item());
    }

    [Fact]
    public void PseudoInverseAndRankOfARankOneMatrix()
    {
        // A = u vᵀ has rank 1 and A⁺ = Aᵀ/‖A‖_F²; for [[1, 2], [2, 4]], ‖A‖_F² = 25.
        var a = M(new double[,] { { 1, 2 }, { 2, 4 } });
        Assert.True(Linalg.Pinv(a).AllClose(a.T / 25, 1e-14, 1e-15));
        Assert.True(Linalg.Pinv(a, hermitian: true).AllClose(a.T / 25, 1e-14, 1e-15));
        Assert.Equal(1, Linalg.MatrixRank(a).Item());
        Assert.Equal(1, Linalg.MatrixRank(a, hermitian: true).Item());
        Assert.Equal(2, Linalg.MatrixRank(M(new double[,] { { 1, 0 }, { 0, 1e-10 } })).Item());
        Assert.Equal(1, Linalg.MatrixRank(M(new double[,] { { 1, 0 }, { 0, 1e-10 } }), atol: 1e-8).Item());
        Assert.Equal(1, Linalg.MatrixRank(M(new double[,] { { 1, 0 }, { 0, 1e-10 } }), rtol: 1e-9).Item());
        Assert.Equal(0, Linalg.MatrixRank(Tensor.Zeros([3, 2], DType.Float64)).Item());
    }

    [Fact]
    public void LeastSquaresLineFit()
    {
        // Fit y = c₀ + c₁t through (0, 1), (1, 2), (2, 2), (3, 4): the normal equations give c₀ = 0.9, c₁ = 0.9,
        // with residuals (0.1, 0.2, −0.7, 0.4) whose squares sum to 0.7.
        var design = M(new double[,] { { 1, 0 }, { 1, 1 }, { 1, 2 }, { 1, 3 } });
        var y = Tensor.From(new[] { 1.0, 2.0, 2.0, 4.0 });
        foreach (var driver in new string?[] { null, "gels", "gelsd" })
        {
            var fit = Linalg.Lstsq(design, y, driver: driver);
            Assert.True(fit.Solution.AllClose(Tensor.From(new[] { 0.9, 0.9 }), 1e-13, 1e-14), driver);
            Assert.Equal(0.7, fit.Residuals.Item(), 13);
            Assert.Equal(2, fit.Rank.Item());
        }
        Assert.Equal(2, Linalg.Lstsq(design, y, driver: "gelsd").SingularValues.Count);
    }

    [Fact]
    public void LstsqDefaultAgreesWithTheSvdOnIllConditionedAndNearlyDeficientInput()
    {
        // Full rank but ill-conditioned (κ ≈ 5e5): QR and SVD give the same solution.
        var hilbert = TestMatrices.Hilbert(8).Narrow(1, 0, 5);
        var y = TestMatrices.Random([8], DType.Float64, seed: 1);
        var byDefault = Linalg.Lstsq(hilbert, y);
        Assert.True(byDefault.Solution.AllClose(Linalg.Lstsq(hilbert, y, driver: "gelsd").Solution, 1e-6, 1e-8));
        Assert.Equal(5, byDefault.Rank.Item());
        // Rank 2 plus rounding-level noise: the default must not divide by a noise pivot but give the minimum-norm answer.
        var nearly = TestMatrices.Random([6, 2], DType.Float64, seed: 2).MatMul(TestMatrices.Random([2, 4], DType.Float64, seed: 3))
                     + 1e-15 * TestMatrices.Random([6, 4], DType.Float64, seed: 4);
        var fit = Linalg.Lstsq(nearly, y.Narrow(0, 0, 6));
        Assert.Equal(2, fit.Rank.Item());
        Assert.True(fit.Solution.AllClose(Linalg.Pinv(nearly).MatMul(y.Narrow(0, 0, 6)), 1e-8, 1e-8));
        Assert.True(fit.Solution.Norm().Item() < 100);
    }

    [Fact]
    public void NormsOfSmallMatricesAndVectors()
    {
        var a = M(new double[,] { { 1, -2 }, { 3, 4 } });
        Assert.Equal(Math.Sqrt(30), Linalg.MatrixNorm(a).Item(), 14);
        Assert.Equal(6, Linalg.MatrixNorm(a, 1).Item());                        // max column sum |−2| + |4|
        Assert.Equal(4, Linalg.MatrixNorm(a, -1).Item());                       // min column sum
        Assert.Equal(7, Linalg.MatrixNorm(a, double.PositiveInfinity).Item());  // max row sum
        Assert.Equal(3, Linalg.MatrixNorm(a, double.NegativeInfinity).Item());  // min row sum
        var s = Linalg.Svdvals(a);
        Assert.Equal(s[0].Item(), Linalg.MatrixNorm(a, 2).Item(), 14);
        Assert.Equal((s[0] + s[1]).Item(), Linalg.MatrixNorm(a, "nuc").Item(), 14);
        Assert.Equal(10, s[0].Item() * s[1].Item(), 12); // σ₁σ₂ = |det A|
        var v = Tensor.From(new[] { 3.0, -4.0, 0.0 });
        Assert.Equal(5, Linalg.VectorNorm(v).Item(), 14);
        Assert.Equal(7, Linalg.VectorNorm(v, 1).Item());
        Assert.Equal(4, Linalg.VectorNorm(v, double.PositiveInfinity).Item());
        Assert.Equal(0, Linalg.VectorNorm(v, double.NegativeInfinity).Item());
        Assert.Equal(2, Linalg.VectorNorm(v, 0).Item());
        Assert.Equal(1 / (1 / 3.0 + 1 / 4.0), Linalg.VectorNorm(Tensor.From(new[] { 3.0, -4.0 }), -1).Item(), 14);
        // Batched matrices and explicit dims.
        var batch = Tensor.Stack([a, 2 * a]);
        Assert.Equal(new[] { Math.Sqrt(30), 2 * Math.Sqrt(30) }, Linalg.MatrixNorm(batch).ToArray<double>(), new ToleranceComparer(1e-13));
        Assert.Equal([2, 1, 1], Linalg.MatrixNorm(batch, 1, keepdim: true).Shape);
        Assert.Equal(new[] { 6.0, 12.0 }, Linalg.MatrixNorm(batch.Permute(1, 0, 2), 1, dim: [0, 2]).ToArray<double>());
        Assert.Equal(Math.Sqrt(30), Linalg.Norm(a).Item(), 14);
        Assert.Equal(6, Linalg.Norm(a, 1).Item());
        Assert.Equal(7, Linalg.Norm(Tensor.From(new[] { 3.0, -4.0 }), 1).Item());
        Assert.Equal((s[0] + s[1]).Item(), Linalg.Norm(a, "nuc").Item(), 14);
        Assert.Equal(Math.Sqrt(150), Linalg.Norm(batch).Item(), 12); // all elements: 30 + 4·30
        Assert.Equal(new[] { 5.0, 5.0 }, Linalg.VectorNorm(Tensor.From(new double[,] { { 3, 4 }, { -4, 3 } }), dim: [1]).ToArray<double>(), new ToleranceComparer(1e-14));
    }

    [Fact]
    public void LuOfAPermutedMatrixAndTrace()
    {
        // [[0, 1], [1, 0]] needs a row swap: P = the swap, L = U = I.
        var (p, l, u) = Linalg.Lu(M(new double[,] { { 0, 1 }, { 1, 0 } }));
        Assert.True(p.AllClose(M(new double[,] { { 0, 1 }, { 1, 0 } })));
        Assert.True(l.AllClose(Tensor.Eye(2, dtype: DType.Float64)));
        Assert.True(u.AllClose(Tensor.Eye(2, dtype: DType.Float64)));
        var (lu, pivots) = Linalg.LuFactor(M(new double[,] { { 0, 1 }, { 1, 0 } }));
        Assert.Equal(new long[] { 2, 2 }, pivots.ToArray<long>()); // LAPACK's 1-based pivots
        Assert.Equal(new[] { 2.0, 1.0 }, Linalg.LuSolve(lu, pivots, M(new double[,] { { 1 }, { 2 } })).ToArray<double>());
        Assert.Equal(15, Linalg.Trace(M(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } })).Item());
        Assert.Equal(new[] { 5.0, 6.0 }, Linalg.Trace(Tensor.Stack([M(new double[,] { { 2, 9 }, { 9, 3 } }), M(new double[,] { { 3, 0 }, { 0, 3 } })])).ToArray<double>());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}

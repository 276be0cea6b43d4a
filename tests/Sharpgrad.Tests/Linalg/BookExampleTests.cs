using static Sharpgrad.Tests.LinearAlgebra.TestMatrices;

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>The worked examples of GBC §2–4 (BOOKS.md §1), each checked with the linear-algebra module.</summary>
public class BookExampleTests
{
    [Fact]
    public void TopEigenvectorsOfXtXAreTheRightSingularVectorsOfX()
    {
        // GBC §2.8/§2.12: XᵀX = V Σ² Vᵀ, so its eigenvectors are X's right singular vectors (up to sign) and λᵢ = σᵢ².
        var x = Random([30, 5], DType.Float64, seed: 3);
        var (lambda, v) = Linalg.EighDescending(x.T.MatMul(x));
        var (_, s, vh) = Linalg.Svd(x, fullMatrices: false);
        Assert.True(lambda.AllClose(s * s, rtol: 1e-12));
        for (int i = 0; i < 3; i++)
            Assert.Equal(1.0, Math.Abs(v[.., i].Dot(vh[i]).Item()), 10);
    }

    [Fact]
    public void MaximumOfQuadraticFormOnTheUnitSphereIsTheLargestEigenvalue()
    {
        // GBC §2.7: max over ‖x‖ = 1 of xᵀAx is λ_max, attained at its eigenvector.
        var b = Random([6, 6], DType.Float64, seed: 4);
        var a = (b + b.T) / 2;
        var (w, v) = Linalg.Eigh(a);
        double lambdaMax = w[-1].Item();
        var top = v[.., -1];
        Assert.Equal(lambdaMax, top.Dot(a.MatMul(top)).Item(), 12);
        var xs = Random([2000, 6], DType.Float64, seed: 5);
        xs /= xs.Norm(2, [1], keepdim: true);
        var quadratic = (xs.MatMul(a) * xs).Sum(1);
        Assert.True(quadratic.Max().Item() <= lambdaMax + 1e-12);
        // Power iteration on A − λ_min·I (whose top eigenvalue is λ_max − λ_min) finds the same maximum.
        var shifted = a - w[0].Item() * Tensor.Eye(6, dtype: DType.Float64);
        var x = Tensor.Ones([6], DType.Float64) / Math.Sqrt(6);
        for (int i = 0; i < 2000; i++) x = shifted.MatMul(x) / shifted.MatMul(x).Norm();
        Assert.Equal(lambdaMax, x.Dot(a.MatMul(x)).Item(), 8);
    }

    [Fact]
    public void DeterminantIsTheProductOfTheEigenvalues()
    {
        var b = Random([5, 5], DType.Float64, seed: 6);
        var a = b + b.T;
        Assert.Equal(Linalg.Eigvalsh(a).Prod().Item(), Linalg.Det(a).Item(), 9);
        var (sign, logAbs) = Linalg.SlogDet(a);
        var w = Linalg.Eigvalsh(a);
        Assert.Equal(w.Abs().Log().Sum().Item(), logAbs.Item(), 10);
        Assert.Equal(w.Sign().Prod().Item(), sign.Item());
    }

    [Fact]
    public void TraceIsInvariantUnderCyclicPermutation()
    {
        // GBC eq. 2.51: Tr(AB) = Tr(BA), even though AB is 3×3 and BA is 5×5.
        var a = Random([3, 5], DType.Float64, seed: 7);
        var b = Random([5, 3], DType.Float64, seed: 8);
        Assert.Equal(Linalg.Trace(a.MatMul(b)).Item(), Linalg.Trace(b.MatMul(a)).Item(), 12);
        // And the Frobenius norm is √Tr(AAᵀ) (GBC eq. 2.49).
        Assert.Equal(Linalg.MatrixNorm(a).Item(), Math.Sqrt(Linalg.Trace(a.MatMul(a.T)).Item()), 12);
    }

    [Fact]
    public void SaddlePointHessianHasEigenvaluesPlusAndMinusTwo()
    {
        // GBC §4.3.1, Fig. 4.5: f(x) = x₁² − x₂² has a saddle at the origin; its Hessian has eigenvalues {−2, +2}.
        var x = Tensor.From(new[] { 0.3, -0.7 }).RequireGrad();
        var f = x[0].Square() - x[1].Square();
        var gradient = Autograd.Grad([f], [x], createGraph: true)[0];
        var hessian = Tensor.Stack(Enumerable.Range(0, 2).Select(i => Autograd.Grad([gradient[i]], [x], retainGraph: true)[0]).ToArray());
        Assert.Equal(new[] { -2.0, 2.0 }, Linalg.Eigvalsh(hessian).ToArray<double>());
    }

    [Fact]
    public void GradientDescentLeastSquaresConvergesToPinvTimesB()
    {
        // GBC §4.5: minimise f(x) = ½‖Ax − b‖² by x ← x − ε(AᵀAx − Aᵀb). From x = 0 the iterates stay in the row
        // space of A, so for a wide A they converge to the minimum-norm solution A⁺b, not just to some solution.
        foreach (var (m, n) in new[] { (8, 3), (3, 6) })
        {
            var a = Random([m, n], DType.Float64, seed: m);
            var b = Random([m], DType.Float64, seed: n);
            double epsilon = 1 / Math.Pow(Linalg.MatrixNorm(a, 2).Item(), 2);
            var x = Tensor.Zeros([n], DType.Float64).RequireGrad();
            double gradientNorm = double.PositiveInfinity;
            for (int step = 0; step < 5000 && gradientNorm > 1e-12; step++)
            {
                var loss = 0.5 * (a.MatMul(x) - b).Square().Sum();
                var g = Autograd.Grad([loss], [x])[0];
                gradientNorm = g.Norm().Item();
                using (Autograd.NoGrad()) x.AddInPlace(g, -epsilon);
            }
            Assert.True(gradientNorm <= 1e-12, $"{m}x{n}: GD did not converge");
            Assert.True(x.AllClose(Linalg.Pinv(a).MatMul(b), rtol: 1e-8, atol: 1e-8), $"{m}x{n}");
            Assert.True(x.AllClose(Linalg.Lstsq(a, b).Solution, rtol: 1e-8, atol: 1e-8), $"{m}x{n}");
        }
    }

    [Fact]
    public void NewtonsMethodSolvesAPositiveDefiniteQuadraticInOneStep()
    {
        // GBC §4.3.1, eq. 4.12: x* = x₀ − H⁻¹∇f(x₀); exact in one step when f is quadratic with H positive-definite.
        var a = Spd(4, seed: 9);
        var b = Random([4], DType.Float64, seed: 10);
        Tensor F(Tensor x) => 0.5 * x.Dot(a.MatMul(x)) - b.Dot(x) + 3;
        var x0 = Random([4], DType.Float64, seed: 11).RequireGrad();
        var gradient = Autograd.Grad([F(x0)], [x0], createGraph: true)[0];
        var hessian = Tensor.Stack(Enumerable.Range(0, 4).Select(i => Autograd.Grad([gradient[i]], [x0], retainGraph: true)[0]).ToArray());
        var x1 = x0.Detach() - Linalg.Solve(hessian, gradient.Detach());
        var x1Leaf = x1.Detach().RequireGrad();
        var gradientAtX1 = Autograd.Grad([F(x1Leaf)], [x1Leaf])[0];
        Assert.True(gradientAtX1.Abs().Max().Item() < 1e-12);
        Assert.True(Linalg.Cholesky(hessian) is not null); // H is positive-definite, so x₁ is the minimum
    }

    [Fact]
    public void ConditionNumberIsTheRatioOfExtremeEigenvaluesForSpdMatrices()
    {
        // GBC §4.2: κ = |λ_max / λ_min|; for an SPD matrix it equals the 2-norm condition number.
        var a = Spd(5, seed: 12);
        var w = Linalg.Eigvalsh(a);
        Assert.Equal(w[-1].Item() / w[0].Item(), Linalg.Cond(a).Item(), 9);
        Assert.Equal(1.0, Linalg.Cond(Hilbert(6)).Item() / 1.495105864e7, 8); // κ₂(H₆) = 1.495105864e7 (Higham, Table 28.1)
    }
}

using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// The books' examples for second-order and quasi-Newton methods (GBC §8.6–8.7, N&amp;W ch. 5–7): each expected value
/// is a closed form (the minimiser of a quadratic, the Rosenbrock minimum, the coordinate-descent contraction factor).
/// </summary>
public class SecondOrderTests
{
    private static Tensor Rosenbrock(Tensor x)
    {
        var (a, b) = (x[0], x[1]);
        return (1 - a).Square() + 100 * (b - a.Square()).Square();
    }

    private static Func<Tensor> Closure(Optimizer opt, Func<Tensor> loss) => () =>
    {
        opt.ZeroGrad();
        var l = loss();
        l.Backward();
        return l;
    };

    public static TheoryData<string> QuasiNewtonMethods => new(["BFGS", "LBFGS"]);

    [Theory]
    [MemberData(nameof(QuasiNewtonMethods))]
    public void QuasiNewtonReachesTheRosenbrockMinimum(string method)
    {
        // Rosenbrock's banana valley from the classic start (−1.2, 1); the minimum is (1, 1) with f = 0 (N&W §2.1).
        var x = Tensor.From(new[] { -1.2, 1.0 }).RequireGrad();
        Optimizer opt = method == "BFGS"
            ? new BFGS([x], maxIter: 200, toleranceGrad: 1e-10, toleranceChange: 1e-15)
            : new LBFGS([x], maxIter: 200, toleranceGrad: 1e-10, toleranceChange: 1e-15, historySize: 10, lineSearch: LineSearch.StrongWolfe);
        opt.Step(Closure(opt, () => Rosenbrock(x)));

        var v = x.ToArray<double>();
        Assert.True(Math.Abs(v[0] - 1) < 1e-6 && Math.Abs(v[1] - 1) < 1e-6, $"{method} stopped at ({v[0]:R}, {v[1]:R})");
        int iterations = (int)opt.StateOf(x)["n_iter"].Item();
        Assert.InRange(iterations, 10, 100); // a quasi-Newton method needs a few dozen iterations here, not thousands
    }

    /// <summary>½θᵀAθ − bᵀθ with A = MᵀM + I (symmetric positive definite, k distinct eigenvalues) and b = Aθ*.</summary>
    private sealed class Quadratic
    {
        public Quadratic(int k, int seed)
        {
            var m = Tensor.Randn([k, k], DType.Float64, new Generator(seed));
            A = m.T.MatMul(m) + Tensor.Eye(k, dtype: DType.Float64);
            Minimiser = Tensor.Randn([k], DType.Float64, new Generator(seed + 1));
            B = A.MatMul(Minimiser);
        }

        public Tensor A { get; }
        public Tensor B { get; }
        public Tensor Minimiser { get; }

        public Tensor Loss(Tensor theta) => 0.5 * theta.Dot(A.MatMul(theta)) - B.Dot(theta);
    }

    [Theory]
    [InlineData(ConjugateGradientBeta.FletcherReeves)]
    [InlineData(ConjugateGradientBeta.PolakRibiere)]
    public void ConjugateGradientSolvesAKDimensionalQuadraticInAtMostKIterations(ConjugateGradientBeta beta)
    {
        // N&W Thm 5.2 / GBC §8.6.2: with exact line searches CG's directions are A-conjugate, so it minimises a
        // quadratic with k distinct eigenvalues in k iterations. On a quadratic the cubic interpolation of the line
        // search is exact, and a tiny c₂ makes it insist on a zero slope, i.e. an exact line search.
        const int k = 6;
        var problem = new Quadratic(k, seed: 11);
        foreach (var iterations in new[] { k - 2, k })
        {
            var theta = Tensor.Zeros([k], DType.Float64).RequireGrad();
            var opt = new ConjugateGradient([theta], beta, maxIter: iterations, maxEval: 100, toleranceGrad: 1e-9, c2: 1e-9);
            opt.Step(Closure(opt, () => problem.Loss(theta)));
            double error = (theta - problem.Minimiser).Abs().Max().Item();
            if (iterations < k) Assert.True(error > 1e-4, $"{beta}: already at the minimum after {iterations} < k iterations (error {error:E2})");
            else
            {
                Assert.True(error < 1e-8, $"{beta}: error {error:E2} after {iterations} iterations");
                Assert.True(opt.StateOf(theta)["n_iter"].Item() <= k);
            }
        }
    }

    [Theory]
    [InlineData(ConjugateGradientBeta.FletcherReeves)]
    [InlineData(ConjugateGradientBeta.PolakRibiere)]
    public void ConjugateGradientDirectionFollowsTheBetaFormula(ConjugateGradientBeta beta)
    {
        // Two single-iteration steps on the non-quadratic fixture problem. The second direction must be
        // d₁ = −g₁ + β·d₀ with d₀ = −g₀ and GBC Alg. 8.9's β, computed here from gradients we take ourselves.
        var problem = new FixtureProblem();
        var opt = new ConjugateGradient(problem.Parameters, beta, maxIter: 1);
        var g0 = Gradient(problem);
        problem.Step(opt, closure: true);
        var g1 = Gradient(problem);
        problem.Step(opt, closure: true);

        double b = beta == ConjugateGradientBeta.FletcherReeves
            ? g1.Dot(g1).Item() / g0.Dot(g0).Item()
            : Math.Max(0, (g1 - g0).Dot(g1).Item() / g0.Dot(g0).Item());
        var expected = -g1 - g0 * b;
        PyTorchTrajectoryTests.AssertClose(expected.ToDoubleArray(), opt.StateOf(problem.W)["d"].ToDoubleArray(), $"{beta} d₁", 1e-12);
        Assert.NotEqual(0, b);
    }

    private static Tensor Gradient(FixtureProblem problem)
    {
        var grads = Autograd.Grad([problem.Loss()], problem.Parameters);
        return Tensor.Cat(grads.Select(g => g.Reshape(-1)).ToList());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UndampedNewtonSolvesAPositiveDefiniteQuadraticInOneStep(bool hessianFree)
    {
        // GBC §8.6.1 / §4.3: on f = ½θᵀAθ − bᵀθ, θ − A⁻¹(Aθ − b) = A⁻¹b, the minimum, from anywhere.
        var problem = new Quadratic(5, seed: 3);
        var theta = Tensor.Randn([5], DType.Float64, new Generator(9)).RequireGrad();
        var opt = new DampedNewton([theta], damping: 0, hessianFree: hessianFree);
        double before = opt.Step(() => problem.Loss(theta)).Item();
        Assert.True(before > problem.Loss(problem.Minimiser).Item());
        PyTorchTrajectoryTests.AssertClose(problem.Minimiser.ToDoubleArray(), theta.ToDoubleArray(), $"Newton (hessianFree: {hessianFree})", 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DampingDividesEachEigencomponentByItsEigenvaluePlusAlpha(bool hessianFree)
    {
        // f = ½(2x² + 8y²) at (1, 1): g = (2, 8), H = diag(2, 8). With α = 2 and ε = 0.5 the step is
        // −ε·(2/(2+2), 8/(8+2)) = −(0.25, 0.4).
        var theta = Tensor.From(new[] { 1.0, 1.0 }).RequireGrad();
        var opt = new DampedNewton([theta], damping: 2, lr: 0.5, hessianFree: hessianFree);
        opt.Step(() => 0.5 * (theta.Square() * Tensor.From(new[] { 2.0, 8.0 })).Sum());
        PyTorchTrajectoryTests.AssertClose([0.75, 0.6], theta.ToDoubleArray(), "damped step", 1e-12);
    }

    [Fact]
    public void ExplicitNewtonRefusesAnIndefiniteHessianUntilDamped()
    {
        // The saddle f = x₁² − x₂² (GBC §4.3) has H = diag(2, −2): the undamped Newton step would jump to the saddle.
        var theta = Tensor.From(new[] { 1.0, 2.0 }).RequireGrad();
        Func<Tensor> saddle = () => theta[0].Square() - theta[1].Square();
        var e = Assert.Throws<InvalidOperationException>(() => new DampedNewton([theta]).Step(saddle));
        Assert.Contains("not positive definite", e.Message);
        Assert.Equal([1.0, 2.0], theta.ToArray<double>());

        // α = 6: H + αI = diag(8, 4), g = (2, −4), step (0.25, −1).
        new DampedNewton([theta], damping: 6).Step(saddle);
        PyTorchTrajectoryTests.AssertClose([0.75, 3.0], theta.ToDoubleArray(), "damped saddle step", 1e-12);
    }

    [Fact]
    public void HessianFreeNewtonFallsBackToTheGradientAtNegativeCurvature()
    {
        // At (1, 2) on the saddle, g = (2, −4) and gᵀHg = 8 − 32 < 0: CG stops at once and the step is −g.
        var theta = Tensor.From(new[] { 1.0, 2.0 }).RequireGrad();
        new DampedNewton([theta], hessianFree: true).Step(() => theta[0].Square() - theta[1].Square());
        PyTorchTrajectoryTests.AssertClose([-1.0, 6.0], theta.ToDoubleArray(), "gradient fallback", 1e-12);
    }

    [Fact]
    public void CoordinateDescentIsSlowWhereNewtonTakesOneStep()
    {
        // GBC §8.7.2: f = (x₁ − x₂)² + α(x₁² + x₂²), α = 0.01, minimum at 0. Minimising exactly over one coordinate
        // gives x₁ ← x₂/(1 + α), then x₂ ← x₁/(1 + α): the first term will not let one variable move far from the
        // other, so each sweep shrinks the error by only (1 + α)² ≈ 1.02. From x = (1, 1), after s sweeps
        // max|xᵢ| = (1 + α)^−(2s−1), so reaching 1e-6 takes the smallest s with (2s − 1)·ln(1 + α) > ln 1e6: 695 sweeps.
        const double alpha = 0.01, target = 1e-6;
        int expectedSweeps = (int)Math.Ceiling((Math.Log(1 / target) / Math.Log(1 + alpha) + 1) / 2);
        Assert.Equal(695, expectedSweeps);

        var x1 = Tensor.Scalar(1, DType.Float64).RequireGrad();
        var x2 = Tensor.Scalar(1, DType.Float64).RequireGrad();
        Tensor F() => (x1 - x2).Square() + alpha * (x1.Square() + x2.Square());
        // Exact minimisation along a coordinate of a quadratic is one undamped Newton step over that coordinate alone.
        var alongX1 = new DampedNewton([x1]);
        var alongX2 = new DampedNewton([x2]);
        int sweeps = 0;
        while (Math.Max(Math.Abs(x1.Item()), Math.Abs(x2.Item())) >= target)
        {
            alongX1.Step(F);
            alongX2.Step(F);
            sweeps++;
            Assert.True(sweeps <= 10_000, "coordinate descent did not converge");
        }
        Assert.Equal(expectedSweeps, sweeps);

        var x = Tensor.From(new[] { 1.0, 1.0 }).RequireGrad();
        new DampedNewton([x]).Step(() => (x[0] - x[1]).Square() + alpha * x.Square().Sum());
        Assert.True(x.Abs().Max().Item() < 1e-12, $"Newton's single step stopped at {x}");
    }

    [Fact]
    public void LbfgsWorksInFloat32()
    {
        var x = Tensor.From(new[] { -1.2f, 1f }).RequireGrad();
        var opt = new LBFGS([x], maxIter: 200, toleranceGrad: 1e-5, historySize: 10, lineSearch: LineSearch.StrongWolfe);
        opt.Step(Closure(opt, () => Rosenbrock(x)));
        Assert.Equal(DType.Float32, opt.StateOf(x)["d"].DType);
        Assert.True((x - 1).Abs().Max().Item() < 1e-2, $"float32 L-BFGS stopped at {x}");
    }

    [Fact]
    public void RestartingEveryIterationMakesBothBetasSteepestDescent()
    {
        // With restart_every = 1 every direction is −∇f, so Fletcher–Reeves and Polak–Ribière take identical steps,
        // and the last direction is minus the gradient at the start of the last iteration.
        var fr = new FixtureProblem();
        var pr = new FixtureProblem();
        var optFr = new ConjugateGradient(fr.Parameters, ConjugateGradientBeta.FletcherReeves, restartEvery: 1, maxIter: 5, maxEval: 100);
        var optPr = new ConjugateGradient(pr.Parameters, ConjugateGradientBeta.PolakRibiere, restartEvery: 1, maxIter: 5, maxEval: 100);
        fr.Step(optFr, closure: true);
        pr.Step(optPr, closure: true);
        Assert.Equal(fr.W.ToArray<double>(), pr.W.ToArray<double>());
        var state = optFr.StateOf(fr.W);
        Assert.Equal((-state["prev_flat_grad"]).ToArray<double>(), state["d"].ToArray<double>());
        Assert.Equal(5, state["n_iter"].Item());
    }

    [Fact]
    public void HessianVectorProductsMatchFiniteDifferencesOfTheGradient()
    {
        // H·v ≈ (∇f(θ + hv) − ∇f(θ − hv)) / 2h on the (non-quadratic) fixture loss, for a random v.
        var problem = new FixtureProblem();
        var v = Tensor.Randn([8], DType.Float64, new Generator(5));
        var hv = new HessianVectorProduct("test", problem.Loss(), problem.Parameters).Times(v);

        const double h = 1e-5;
        Tensor GradientAt(double shift)
        {
            var shifted = new FixtureProblem(problem.W + v[..6].Reshape(2, 3) * shift, problem.B + v[6..] * shift);
            return Gradient(shifted);
        }
        var finiteDifference = (GradientAt(h) - GradientAt(-h)) / (2 * h);
        PyTorchTrajectoryTests.AssertClose(finiteDifference.ToDoubleArray(), hv.ToDoubleArray(), "H·v", 1e-6);
    }

    [Fact]
    public void FirstOrderOptimisersAcceptAClosure()
    {
        // Evaluate once, then step: the same path as ZeroGrad/Backward/Step, and the loss before the step is returned.
        var withClosure = new FixtureProblem();
        var plain = new FixtureProblem();
        var optA = new SGD(withClosure.Parameters, lr: 0.1, momentum: 0.9);
        var optB = new SGD(plain.Parameters, lr: 0.1, momentum: 0.9);
        for (int k = 0; k < 3; k++)
            Assert.Equal(plain.Step(optB), withClosure.Step(optA, closure: true));
        Assert.Equal(plain.W.ToArray<double>(), withClosure.W.ToArray<double>());
    }

    [Fact]
    public void ClosureIsEvaluatedWithGradientsOnEvenInsideNoGrad()
    {
        var problem = new FixtureProblem();
        var opt = new LBFGS(problem.Parameters, maxIter: 2);
        var w = problem.W.ToArray<double>();
        using (Autograd.NoGrad()) problem.Step(opt, closure: true);
        Assert.NotEqual(w, problem.W.ToArray<double>());
    }

    [Fact]
    public void ClosureMethodsExplainWhatTheyNeed()
    {
        var problem = new FixtureProblem();
        foreach (Optimizer opt in new Optimizer[] { new LBFGS(problem.Parameters), new BFGS(problem.Parameters), new ConjugateGradient(problem.Parameters), new DampedNewton(problem.Parameters) })
        {
            var e = Assert.Throws<InvalidOperationException>(() => opt.Step());
            Assert.Contains($"{opt.Name}.Step", e.Message);
            Assert.Contains("closure", e.Message);
            var g = Assert.Throws<NotSupportedException>(() => opt.AddParamGroup([Tensor.Zeros([1], DType.Float64).RequireGrad()]));
            Assert.Contains("parameter groups", g.Message);
        }

        // Newton differentiates the loss twice itself; a closure that already ran Backward has freed the graph.
        var newton = new DampedNewton(problem.Parameters);
        var n = Assert.Throws<InvalidOperationException>(() => newton.Step(problem.Closure(newton)));
        Assert.Contains("without calling Backward", n.Message);
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        var p = new FixtureProblem().Parameters;
        Assert.Contains("history_size", Assert.Throws<ArgumentException>(() => new LBFGS(p, historySize: 0)).Message);
        Assert.Contains("max_iter", Assert.Throws<ArgumentException>(() => new BFGS(p, maxIter: 0)).Message);
        Assert.Contains("c2", Assert.Throws<ArgumentException>(() => new ConjugateGradient(p, c2: 1)).Message);
        Assert.Contains("damping", Assert.Throws<ArgumentException>(() => new DampedNewton(p, damping: -1)).Message);
        var mixed = Assert.Throws<ArgumentException>(() => new LBFGS([Tensor.Zeros([2]).RequireGrad(), Tensor.Zeros([2], DType.Float64).RequireGrad()]));
        Assert.Contains("float32 and float64", mixed.Message);
    }
}

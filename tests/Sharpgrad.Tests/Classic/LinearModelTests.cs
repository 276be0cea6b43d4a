using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>Linear models against their closed forms and the BOOKS §2 examples.</summary>
public class LinearModelTests
{
    private static Tensor Randn(int n, int d, long seed) => Tensor.Randn([n, d], DType.Float64, new Generator(seed));

    [Theory]
    [InlineData(LinearSolver.Lstsq)]
    [InlineData(LinearSolver.NormalEquations)]
    [InlineData(LinearSolver.Pinv)]
    [InlineData(LinearSolver.GradientDescent)]
    public void EverySolverRecoversANoiselessLinearFunction(LinearSolver solver)
    {
        var x = Randn(50, 2, seed: 1);
        var y = 1 + 2 * x[.., 0] - 3 * x[.., 1];
        var model = new LinearRegression(solver, learningRate: 0.1, epochs: 3000);
        model.Fit(x, y);
        Assert.True(model.Weights.Squeeze().AllClose(Tensor.FromArray([2.0, -3.0]), rtol: 0, atol: 1e-8));
        Assert.Equal(1.0, model.Intercept.Item(), 8);
        Assert.Equal(1.0, model.Score(x, y), 10);
        Assert.Equal([50], model.Predict(x).Shape);
    }

    [Fact]
    public void MatrixTargetsFitEachColumn()
    {
        var x = Randn(20, 3, seed: 2);
        var w = Tensor.From(new double[,] { { 1, 0 }, { 2, -1 }, { 0, 3 } });
        var model = new LinearRegression().Fit(x, x.MatMul(w));
        Assert.Equal([20, 2], model.Predict(x).Shape);
        Assert.True(((LinearRegression)model).Weights.AllClose(w, rtol: 0, atol: 1e-10));
    }

    [Fact]
    public void RidgeIsSolvableWithFewerExamplesThanFeatures()
    {
        // BOOKS §2: XᵀX is 20×20 of rank ≤ 4 (5 centred examples), but XᵀX + αI is positive definite.
        var x = Randn(5, 20, seed: 3);
        var y = Randn(5, 1, seed: 4).Squeeze([1]);
        var ridge = new Ridge(alpha: 0.5);
        ridge.Fit(x, y);
        // The optimum of ‖Xc w − yc‖² + α‖w‖² has zero gradient: Xcᵀ(Xc w − yc) + α w = 0.
        var xc = x - x.Mean(0);
        var yc = (y - y.Mean()).Unsqueeze(1);
        var gradient = xc.T.MatMul(xc.MatMul(ridge.Weights) - yc) + 0.5 * ridge.Weights;
        Assert.True(gradient.Abs().Max().Item() < 1e-10);
        Assert.False(ridge.Weights.Ne(ridge.Weights).Any());
    }

    [Fact]
    public void MapWithAGaussianPriorEqualsWeightDecay()
    {
        // GBC §5.6.1: the posterior mean with prior N(0, τ²I) and noise σ² is ridge with α = σ²/τ².
        var x = Randn(30, 4, seed: 5);
        var y = x.MatMul(Tensor.FromArray([1.0, -2.0, 0.5, 3.0])) + 0.3 * Randn(30, 1, seed: 6).Squeeze([1]) + 7;
        double sigma2 = 0.5, tau2 = 2.0;
        var bayes = new BayesianLinearRegression(noiseVariance: sigma2, priorVariance: tau2);
        bayes.Fit(x, y);
        var ridge = new Ridge(alpha: sigma2 / tau2);
        ridge.Fit(x, y);
        Assert.True(bayes.PosteriorMean.AllClose(ridge.Weights, rtol: 1e-12, atol: 1e-12));
        Assert.Equal(ridge.Intercept.Item(), bayes.Intercept.Item(), 10);
    }

    [Fact]
    public void BayesianPosteriorCovarianceAndPredictiveVarianceMatchTheClosedForm()
    {
        // GBC eq. 5.78: Σ = (XᵀX/σ² + I/τ²)⁻¹ (centred X, intercept with a flat prior).
        var x = Randn(25, 3, seed: 7);
        var y = x.Sum(1);
        double sigma2 = 0.25, tau2 = 4.0;
        var model = new BayesianLinearRegression(sigma2, tau2);
        model.Fit(x, y);
        var xc = x - x.Mean(0);
        var expected = Linalg.Inv(xc.T.MatMul(xc) / sigma2 + Tensor.Eye(3, dtype: DType.Float64) / tau2);
        Assert.True(model.PosteriorCovariance.AllClose(expected, rtol: 1e-10, atol: 1e-12));
        // Predictive variance σ² + σ²/N + (x − x̄)ᵀΣ(x − x̄): at the data mean only noise and intercept remain; far away it grows.
        var atMean = x.Mean(0).Unsqueeze(0);
        Assert.Equal(sigma2 + sigma2 / 25, model.PredictiveVariance(atMean).Item(), 12);
        var far = atMean + 10;
        Assert.True(model.PredictiveVariance(far).Item() > 2 * model.PredictiveVariance(atMean).Item());
    }

    [Fact]
    public void LassoWithAnOrthonormalDesignSoftThresholdsTheLeastSquaresWeights()
    {
        // With XᵀX/N = I the lasso separates per coordinate: w = S(w_ols, α) = sign(w_ols)·max(|w_ols| − α, 0).
        int n = 40;
        var raw = Randn(n, 4, seed: 8);
        var q = Linalg.Qr(raw - raw.Mean(0)).Q;                       // orthonormal, centred columns
        var x = Math.Sqrt(n) * q;
        var y = x.MatMul(Tensor.FromArray([2.0, -0.05, 0.7, -1.5])) + 0.1 * Randn(n, 1, seed: 9).Squeeze([1]);
        double alpha = 0.3;
        var lasso = new Lasso(alpha, tolerance: 1e-12);
        lasso.Fit(x, y);
        var ols = x.T.MatMul(y - y.Mean()) / n;
        var expected = ols.Sign() * (ols.Abs() - alpha).Clamp(0, null);
        Assert.True(lasso.Weights.Squeeze([1]).AllClose(expected, rtol: 0, atol: 1e-9));
        Assert.Equal(0.0, lasso.Weights[1, 0].Item());                // the small weight is exactly zero: selection
    }

    [Fact]
    public void LassoWithALargeAlphaZeroesEveryWeight()
    {
        // All weights are 0 once α ≥ max|Xcᵀyc|/N (the KKT condition at w = 0).
        var x = Randn(30, 5, seed: 10);
        var y = x[.., 0] * 3;
        double alphaMax = (x - x.Mean(0)).T.MatMul(y - y.Mean()).Abs().Max().Item() / 30;
        var lasso = new Lasso(alphaMax * 1.01);
        lasso.Fit(x, y);
        Assert.Equal(0.0, lasso.Weights.Abs().Max().Item());
        Assert.Equal(1, lasso.Iterations);                            // w = 0 is already optimal: one sweep, nothing moves
        Assert.Equal(y.Mean().Item(), lasso.Intercept.Item(), 12);
    }

    private static (Tensor X, Tensor Y) NoisySine(int n, long seed, double noise)
    {
        var x = Tensor.Linspace(0, 1, n, DType.Float64).Unsqueeze(1);
        var y = (2 * Math.PI * x).Sin().Squeeze([1]) + noise * Tensor.Randn([n], DType.Float64, new Generator(seed));
        return (x, y);
    }

    private static double PolynomialMse(int degree, Tensor xTrain, Tensor yTrain, Tensor xEval, Tensor yEval, IRegressor model)
    {
        var features = new PolynomialFeatures(degree, includeBias: false);
        features.Fit(xTrain);
        model.Fit(features.Transform(xTrain), yTrain);
        return RegressionMetrics.MeanSquaredError(yEval, model.Predict(features.Transform(xEval)));
    }

    [Fact]
    public void PolynomialFitsOfTwelveNoisyPointsOfSin2PiX()
    {
        // BOOKS §2 (GBC Fig. 5.2): train MSE never increases with the degree, degree 11 interpolates the 12 points,
        // and the test error is U-shaped: degree 3 beats both degree 1 (underfit) and degree 10 (overfit).
        var (x, y) = NoisySine(12, seed: 11, noise: 0.2);
        var xTest = Tensor.Linspace(0.02, 0.98, 97, DType.Float64).Unsqueeze(1);
        var yTest = (2 * Math.PI * xTest).Sin().Squeeze([1]);
        var train = Enumerable.Range(1, 11).Select(d => PolynomialMse(d, x, y, x, y, new LinearRegression())).ToArray();
        for (int d = 1; d < train.Length; d++) Assert.True(train[d] <= train[d - 1] + 1e-12, $"degree {d + 1}: {train[d]} > {train[d - 1]}");
        Assert.True(train[10] < 1e-12, $"degree 11 train MSE {train[10]}");
        double test1 = PolynomialMse(1, x, y, xTest, yTest, new LinearRegression());
        double test3 = PolynomialMse(3, x, y, xTest, yTest, new LinearRegression());
        double test10 = PolynomialMse(10, x, y, xTest, yTest, new LinearRegression());
        Assert.True(test3 < test1 && test3 < test10, $"test MSE: degree 1 {test1}, 3 {test3}, 10 {test10}");
    }

    [Fact]
    public void WeightDecayOnADegreeNinePolynomialRunsFromOverfitToFlat()
    {
        // BOOKS §2: a huge λ gives a nearly flat fit, λ → 0 the overfit.
        var (x, y) = NoisySine(12, seed: 12, noise: 0.2);
        double overfit = PolynomialMse(9, x, y, x, y, new Ridge(alpha: 1e-12));
        double flat = PolynomialMse(9, x, y, x, y, new Ridge(alpha: 1e6));
        double variance = y.Var(unbiased: false).Item();
        Assert.True(overfit < 0.01, $"λ→0 train MSE {overfit}");
        Assert.True(flat > 0.99 * variance, $"λ huge: train MSE {flat} vs Var[y] {variance}");
    }

    [Fact]
    public void PolynomialFeaturesFollowScikitLearnsColumnOrder()
    {
        var x = Tensor.From(new double[,] { { 2, 3 } });
        ITransformer features = new PolynomialFeatures(degree: 2, includeBias: true);
        // [1, a, b, a², ab, b²]
        Assert.True(features.FitTransform(x).AllClose(Tensor.From(new double[,] { { 1, 2, 3, 4, 6, 9 } })));
    }
}

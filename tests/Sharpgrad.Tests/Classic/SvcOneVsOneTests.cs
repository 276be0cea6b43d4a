using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic;

/// <summary>
/// SVC's one-vs-one multiclass (issue #21): one binary problem per pair of classes on those classes' rows, prediction
/// by votes, checked against the closed-form maximum-margin solutions of points on a line and against scikit-learn's
/// accuracy on the digits.
/// </summary>
public class SvcOneVsOneTests
{
    // Class c is the single point (2c, 0), c = 0, 1, 2. The hard-margin SVM of two points x₋, x₊ at distance d is their
    // perpendicular bisector: w = 2(x₊ − x₋)/d², α₊ = α₋ = 2/d² (from w = Σαyx), b = −w·(x₊ + x₋)/2. Positive = the
    // pair's second class.
    private static (Tensor X, Tensor Y) ThreePointsOnALine() =>
        (Tensor.From(new double[,] { { 0, 0 }, { 2, 0 }, { 4, 0 } }), Tensor.FromArray(new long[] { 0, 1, 2 }));

    [Fact]
    public void EachPairIsTheMaximumMarginBisectorOfItsTwoClasses()
    {
        var (x, y) = ThreePointsOnALine();
        var svm = new SVC(SvmKernel.Linear, c: 100, tolerance: 1e-9);
        svm.Fit(x, y);
        Assert.Equal(SvcMulticlass.OneVsOne, svm.Multiclass);
        // Pairs (0, 1), (0, 2), (1, 2): d = 2, 4, 2, so α = ½, ⅛, ½ and f = x₁ − 1, x₁/2 − 1, x₁ − 3.
        Assert.True(svm.Intercept.AllClose(Tensor.FromArray([-1.0, -1.0, -3.0]), atol: 1e-8));
        var expected = Tensor.From(new double[,]
        {
            { -0.5, -0.125, 0 },    // (0, 0): the negative side of pairs (0, 1) and (0, 2)
            { 0.5, 0, -0.5 },       // (2, 0): positive in (0, 1), negative in (1, 2)
            { 0, 0.125, 0.5 },      // (4, 0): positive in (0, 2) and (1, 2)
        });
        Assert.True(svm.SupportVectors.AllClose(x));
        Assert.True(svm.DualCoefficients.AllClose(expected, atol: 1e-8));
        Assert.Equal(3, svm.Iterations.Length);
    }

    [Fact]
    public void PredictionIsTheMajorityVoteAndTheScoresAddTheConfidence()
    {
        var (x, y) = ThreePointsOnALine();
        var svm = new SVC(SvmKernel.Linear, c: 100, tolerance: 1e-9);
        svm.Fit(x, y);
        // x₁ = 0.9: f = (−0.1, −0.55, −2.1) → votes for 0, 0, 1. x₁ = 3.5: f = (2.5, 0.75, 0.5) → 1, 2, 2.
        var points = Tensor.From(new double[,] { { 0.9, 7 }, { 3.5, -2 } });
        Assert.Equal(new long[] { 0, 2 }, svm.Predict(points).ToArray<long>());
        // Confidence of class c: Σ f over pairs where c is second − Σ f where it is first; score = votes + c/(3(|c|+1)).
        static double Score(double votes, double confidence) => votes + confidence / (3 * (Math.Abs(confidence) + 1));
        var expected = Tensor.From(new double[,]
        {
            { Score(2, 0.1 + 0.55), Score(1, -0.1 + 2.1), Score(0, -0.55 - 2.1) },
            { Score(0, -2.5 - 0.75), Score(1, 2.5 - 0.5), Score(2, 0.75 + 0.5) },
        });
        Assert.True(svm.DecisionFunction(points).AllClose(expected, atol: 1e-7));
        Assert.Equal(new long[] { 0, 2 }, svm.PredictProba(points).ArgMax(1).ToArray<long>());
    }

    [Fact]
    public void TwoClassesGiveTheSameSingleProblemEitherWay()
    {
        // With two classes both strategies give one problem on every row with the same signs, and both read it from
        // the shared cache of the training set as it is (the whole Gram matrix by one GEMM), so the models are identical.
        var gen = new Generator(21);
        var x = Tensor.Randn([40, 2], DType.Float64, gen);
        var y = (x[.., 0] + 0.5 * Tensor.Randn([40], DType.Float64, gen)).Gt(0).Long();
        var ovo = new SVC(SvmKernel.Rbf, gamma: 0.5, tolerance: 1e-6).Fit(x, y);
        var ovr = new SVC(SvmKernel.Rbf, gamma: 0.5, tolerance: 1e-6, multiclass: SvcMulticlass.OneVsRest).Fit(x, y);
        var (a, b) = ((SVC)ovo, (SVC)ovr);
        Assert.Equal([a.SupportVectors.Size(0), 1], a.DualCoefficients.Shape);
        Assert.Equal(b.Iterations, a.Iterations);
        Assert.Equal(b.DualCoefficients.ToDoubleArray(), a.DualCoefficients.ToDoubleArray());
        Assert.Equal(b.Intercept.ToDoubleArray(), a.Intercept.ToDoubleArray());
        Assert.Equal(b.DecisionFunction(x).ToDoubleArray(), a.DecisionFunction(x).ToDoubleArray());
    }

    [Fact]
    public void UnknownKernelIsAClearError()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SVC((SvmKernel)7));
        Assert.Contains("SVC", error.Message);
        Assert.Contains("kernel", error.Message);
        Assert.Contains("7", error.Message);
    }

    [Fact]
    public void UnknownStrategyIsAClearError()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SVC(multiclass: (SvcMulticlass)7));
        Assert.Contains("SVC", error.Message);
        Assert.Contains("multiclass", error.Message);
    }

    [Fact]
    public void DigitsAccuracyMatchesScikitLearnWithinTheDocumentedTolerance()
    {
        // bench/sklearn_reference_models.py's svc workload: RBF, C = 1, γ = "scale", tol 1e-3, fit on the first
        // 1,347 digits (pixels / 16) and predict the last 450; scikit-learn 1.2.1 (LIBSVM, one-vs-one) scores 0.9489
        // (docs/performance.md, issue #21), and bench/compare_sklearn.sh allows ±0.01.
        var digits = Datasets.Digits();
        var (x, y) = (digits.Inputs.Double(), digits.Targets);
        const int train = 1347;
        var svm = new SVC(SvmKernel.Rbf, c: 1, tolerance: 1e-3);
        svm.Fit(x.Narrow(0, 0, train), y.Narrow(0, 0, train));
        double accuracy = svm.Score(x.Narrow(0, train, 1797 - train), y.Narrow(0, train, 1797 - train));
        Assert.InRange(accuracy, 0.9489 - 0.01, 0.9489 + 0.01);
        Assert.Equal(45, svm.Iterations.Length);
    }

    [Fact]
    public void PredictionEvaluatesTheKernelExpansionOfTheSupportVectors()
    {
        // SVC predicts on the host (SvcDecision, cold21); the expected decision values are the model's own expansion
        // f = K(x, S)·A + b written as the tensor expression (KernelMatrix.Compute, exp(−γ‖x − s‖²)), so the host path
        // must agree with the formula up to float64 rounding, and Predict must be the vote of those values.
        var gen = new Generator(7);
        var x = Tensor.Randn([60, 3], DType.Float64, gen);
        var y = (x[.., 0].Gt(0.4).Long() + x[.., 1].Gt(-0.2).Long());            // three classes 0, 1, 2
        var svm = new SVC(SvmKernel.Rbf, gamma: 0.7, tolerance: 1e-6);
        svm.Fit(x, y);
        var points = Tensor.Randn([25, 3], DType.Float64, gen);
        var f = KernelMatrix.Compute(SvmKernel.Rbf, points, svm.SupportVectors, 0.7).MatMul(svm.DualCoefficients) + svm.Intercept;
        Assert.True(svm.DecisionFunction(points).AllClose(OneVsOneVoting.Scores(f, 3), atol: 1e-12));
        Assert.Equal(OneVsOneVoting.Votes(f, 3).ArgMax(1).ToArray<long>(), svm.Predict(points).ToArray<long>());
    }
}

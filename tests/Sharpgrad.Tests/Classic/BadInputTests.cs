using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>Bad input fails loudly with the estimator's name and the shapes involved.</summary>
public class BadInputTests
{
    private static readonly Tensor X = Tensor.From(new double[,] { { 0, 1 }, { 1, 0 }, { 2, 2 }, { 3, 1 } });
    private static readonly Tensor Y = Tensor.FromArray(new long[] { 0, 1, 0, 1 });

    public static TheoryData<string> ClassifierNames => ["LogisticRegression", "SVC", "KNeighborsClassifier", "DecisionTreeClassifier", "GaussianNB", "MultinomialNB"];

    private static IClassifier Make(string name) => name switch
    {
        "LogisticRegression" => new LogisticRegression(),
        "SVC" => new SVC(),
        "KNeighborsClassifier" => new KNeighborsClassifier(1),
        "DecisionTreeClassifier" => new DecisionTreeClassifier(),
        "GaussianNB" => new GaussianNB(),
        _ => new MultinomialNB(),
    };

    [Theory]
    [MemberData(nameof(ClassifierNames))]
    public void NaNFeaturesAreRejected(string name)
    {
        var x = X.Clone();
        x[1, 1] = Tensor.Scalar(double.NaN, DType.Float64);
        var error = Assert.Throws<ArgumentException>(() => Make(name).Fit(x, Y));
        Assert.Contains($"{name}.Fit", error.Message);
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void TheFiniteCheckCountsEveryBadValueAndAcceptsAnOverflowingSum()
    {
        // The check sums once; a non-finite sum falls back to counting. Finite values whose sum overflows are fine,
        // and +∞ and −∞ that cancel to NaN in the sum are still both counted.
        var huge = Tensor.From(new double[,] { { 1e308, 1e308 }, { 1e308, 1e308 } });
        Assert.Equal(huge.ToArray<double>(), EstimatorInput.Features(huge, "Probe").ToArray<double>());
        var bad = Tensor.From(new double[,] { { double.PositiveInfinity, 1 }, { double.NegativeInfinity, double.NaN } });
        Assert.Contains("3 NaN or infinite", Assert.Throws<ArgumentException>(() => EstimatorInput.Features(bad, "Probe")).Message);
    }

    [Theory]
    [MemberData(nameof(ClassifierNames))]
    public void MismatchedLengthsAreRejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Make(name).Fit(X, Tensor.FromArray(new long[] { 0, 1, 0 })));
        Assert.Contains($"{name}.Fit", error.Message);
        Assert.Contains("[4, 2]", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    [Theory]
    [MemberData(nameof(ClassifierNames))]
    public void LabelsUnseenInFitAreRejectedWhenScoring(string name)
    {
        var model = Make(name).Fit(X, Y);
        var error = Assert.Throws<ArgumentException>(() => model.Score(X, Tensor.FromArray(new long[] { 0, 1, 7, 1 })));
        Assert.Contains("label 7 was not seen in Fit", error.Message);
    }

    [Theory]
    [MemberData(nameof(ClassifierNames))]
    public void PredictingBeforeFitOrWithTheWrongFeatureCountIsRejected(string name)
    {
        Assert.Contains("not fitted", Assert.Throws<InvalidOperationException>(() => Make(name).Predict(X)).Message);
        var model = Make(name).Fit(X, Y);
        var error = Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Zeros([2, 3], DType.Float64)));
        Assert.Contains("fitted on 2 features", error.Message);
    }

    [Fact]
    public void OneClassCannotBeLearned()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(X, Tensor.Zeros([4], DType.Int64)));
        Assert.Contains("at least 2 classes", error.Message);
    }

    [Theory]
    [InlineData(-1e-6)]
    [InlineData(double.NaN)] // NaN fails every "max|g| ≤ tolerance" test, so it would silently run to maxIter
    public void LogisticRegressionRejectsABadTolerance(double tolerance)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(tolerance: tolerance));
        Assert.Equal("tolerance", error.ParamName);
        Assert.Contains("LogisticRegression", error.Message);
        Assert.Contains("non-negative", error.Message);
    }

    [Fact]
    public void RegressorsRejectBadTargets()
    {
        var error = Assert.Throws<ArgumentException>(() => new Ridge().Fit(X, Tensor.Zeros([5], DType.Float64)));
        Assert.Contains("Ridge.Fit", error.Message);
        var y = Tensor.FromArray([1.0, double.NaN, 0, 1]);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(X, y)).Message);
        Assert.Contains("Lasso.Fit", Assert.Throws<ArgumentException>(() => new Lasso().Fit(X, Tensor.Zeros([4, 2], DType.Float64))).Message);
    }

    [Fact]
    public void NegativeCountsAreRejectedByMultinomialNB()
    {
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => new MultinomialNB().Fit(X - 5, Y)).Message);
    }

    [Fact]
    public void MetricsRejectMismatchedInputs()
    {
        Assert.Contains("Accuracy", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy(Y, Tensor.FromArray(new long[] { 0 }))).Message);
        Assert.Contains("RocCurve", Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc(Y, Tensor.FromArray([0.5]))).Message);
        Assert.Contains("both classes", Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc(Tensor.Zeros([2], DType.Int64), Tensor.FromArray([0.1, 0.2]))).Message);
        Assert.Contains("R2", Assert.Throws<ArgumentException>(() => RegressionMetrics.R2(Tensor.Zeros([3]), Tensor.Zeros([4]))).Message);
    }

    [Fact]
    public void KNeighborsNeedsAtLeastKSamples()
    {
        Assert.Contains("k = 9", Assert.Throws<ArgumentException>(() => new KNeighborsClassifier(9).Fit(X, Y)).Message);
    }
}

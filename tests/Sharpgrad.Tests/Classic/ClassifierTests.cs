using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>Classifiers on hand-computable examples and the BOOKS §2 tree-versus-logistic-regression example.</summary>
public class ClassifierTests
{
    private static Tensor Column(params double[] values) => Tensor.FromArray(values).Unsqueeze(1);
    private static Tensor Labels(params long[] values) => Tensor.FromArray(values);

    [Fact]
    public void TreeNeedsManySplitsForADiagonalBoundaryThatLogisticRegressionGetsNearlyPerfect()
    {
        // BOOKS §2: label [x₂ > x₁]. One oblique line is one logistic unit, but axis-aligned splits must staircase it.
        var (x, y) = ClassicData.AboveDiagonal(300, seed: 1);
        var (xTest, yTest) = ClassicData.AboveDiagonal(1000, seed: 2);
        var logistic = new LogisticRegression(alpha: 1e-4).Fit(x, y);
        var tree = new DecisionTreeClassifier();
        tree.Fit(x, y);
        double logisticAccuracy = logistic.Score(xTest, yTest);
        Assert.True(logisticAccuracy >= 0.98, $"logistic regression {logisticAccuracy}");
        Assert.Equal(1.0, tree.Score(x, y));                               // a full tree fits its training set ...
        Assert.True(tree.LeafCount >= 10, $"{tree.LeafCount} leaves");     // ... with a staircase of many leaves
        Assert.True(tree.Score(xTest, yTest) < logisticAccuracy);
        var stump = new DecisionTreeClassifier(maxDepth: 2);
        stump.Fit(x, y);
        Assert.True(stump.LeafCount <= 4);
        Assert.True(stump.Score(xTest, yTest) < 0.95);
    }

    [Theory]
    [InlineData(SplitCriterion.Gini)]
    [InlineData(SplitCriterion.Entropy)]
    public void TreeSplitsAtTheMidpointBetweenClasses(SplitCriterion criterion)
    {
        var tree = new DecisionTreeClassifier(criterion);
        tree.Fit(Column(1, 2, 3, 4), Labels(0, 0, 1, 1));
        Assert.Equal(2, tree.LeafCount);
        Assert.Equal(1, tree.Depth);
        Assert.Equal(new long[] { 0, 1, 1 }, tree.Predict(Column(2.49, 2.51, 10)).ToArray<long>());
    }

    [Fact]
    public void GiniAndEntropyStumpsIsolateThePureGroup()
    {
        // Parent: 4×0, 2×1, 2×2. Split at 4.5: left pure {0×4}, right {1×2, 2×2}.
        // Gini (4·0 + 4·0.5)/8 = 0.25, entropy (4·0 + 4·1)/8 = 0.5 bits; the split at 6.5 scores Gini
        // (6·(1 − (4/6)² − (2/6)²) + 0)/8 = 1/3 and entropy 6·0.918/8 = 0.689, so both choose 4.5.
        var x = Column(1, 2, 3, 4, 5, 6, 7, 8);
        var y = Labels(0, 0, 0, 0, 1, 1, 2, 2);
        foreach (var criterion in new[] { SplitCriterion.Gini, SplitCriterion.Entropy })
        {
            var tree = new DecisionTreeClassifier(criterion, maxDepth: 1);
            tree.Fit(x, y);
            var proba = tree.PredictProba(Column(0, 6));
            Assert.True(proba.AllClose(Tensor.From(new double[,] { { 1, 0, 0 }, { 0, 0.5, 0.5 } })));
        }
    }

    [Fact]
    public void MinSamplesLeafLimitsTheTree()
    {
        var (x, y) = ClassicData.AboveDiagonal(200, seed: 3);
        var tree = new DecisionTreeClassifier(minSamplesLeaf: 20);
        tree.Fit(x, y);
        Assert.True(tree.LeafCount <= 200 / 20);
    }

    [Fact]
    public void RegressionTreePredictsTheMeanOfEachLeaf()
    {
        // y = 1 2 3 10 20 30 at x = 1 2 3 10 11 12. Size-weighted variances of the candidate splits:
        // x ≤ 6.5: (3·2/3 + 3·200/3)/6 = 33.7; x ≤ 10.5: (4·12.5 + 2·25)/6 = 16.7 (the best); x ≤ 11.5: (5·50.96)/6 = 42.5.
        var tree = new DecisionTreeRegressor(maxDepth: 1);
        tree.Fit(Column(1, 2, 3, 10, 11, 12), Tensor.FromArray([1.0, 2.0, 3.0, 10.0, 20.0, 30.0]));
        Assert.Equal(2, tree.LeafCount);
        Assert.True(tree.Predict(Column(0, 100)).AllClose(Tensor.FromArray([4.0, 25.0])));
    }

    [Fact]
    public void KNeighborsVotesByHand()
    {
        // Training points on a line; query at 2.9: neighbours 3 (class 1, d=0.1), 2 (class 0, d=0.9), 1 (class 0, d=1.9).
        var x = Column(1, 2, 3, 10);
        var y = Labels(0, 0, 1, 1);
        var uniform = new KNeighborsClassifier(3);
        uniform.Fit(x, y);
        Assert.True(uniform.PredictProba(Column(2.9)).AllClose(Tensor.From(new double[,] { { 2.0 / 3, 1.0 / 3 } }), rtol: 1e-12));
        var weighted = new KNeighborsClassifier(3, NeighborWeights.Distance);
        weighted.Fit(x, y);
        double w0 = 1 / 0.9 + 1 / 1.9, w1 = 1 / 0.1;
        Assert.Equal(w1 / (w0 + w1), weighted.PredictProba(Column(2.9))[0, 1].Item(), 10);
        Assert.Equal(1, weighted.Predict(Column(2.9)).Item<long>());
        Assert.Equal(0, uniform.Predict(Column(2.9)).Item<long>());
    }

    [Fact]
    public void KNeighborsRegressorAveragesTheNeighbours()
    {
        var x = Column(0, 1, 2, 3);
        var y = Tensor.FromArray([0.0, 10.0, 20.0, 30.0]);
        var uniform = new KNeighborsRegressor(2);
        uniform.Fit(x, y);
        Assert.Equal(5.0, uniform.Predict(Column(0.4)).Item(), 12);
        var weighted = new KNeighborsRegressor(2, NeighborWeights.Distance);
        weighted.Fit(x, y);
        Assert.Equal((0 / 0.4 + 10 / 0.6) / (1 / 0.4 + 1 / 0.6), weighted.Predict(Column(0.4)).Item(), 10);
        Assert.Equal(20.0, weighted.Predict(Column(2)).Item(), 12);      // an exact match takes the whole vote
    }

    [Fact]
    public void GaussianNaiveBayesMatchesTheClosedFormPosterior()
    {
        // Class 0: x ∈ {0, 2} (μ=1, σ²=1); class 1: x ∈ {4, 6, 8} (μ=6, σ²=8/3). Priors 2/5 and 3/5.
        var model = new GaussianNB(varSmoothing: 0);
        model.Fit(Column(0, 2, 4, 6, 8), Labels(0, 0, 1, 1, 1));
        Assert.True(model.Means.AllClose(Tensor.From(new double[,] { { 1 }, { 6 } })));
        Assert.True(model.Variances.AllClose(Tensor.From(new double[,] { { 1 }, { 8.0 / 3 } })));
        static double Density(double x, double mu, double var) => Math.Exp(-(x - mu) * (x - mu) / (2 * var)) / Math.Sqrt(2 * Math.PI * var);
        double p0 = 0.4 * Density(3, 1, 1), p1 = 0.6 * Density(3, 6, 8.0 / 3);
        Assert.Equal(p1 / (p0 + p1), model.PredictProba(Column(3))[0, 1].Item(), 12);
    }

    [Fact]
    public void MultinomialNaiveBayesReproducesTheTextbookChinaExample()
    {
        // Manning, Raghavan & Schütze, IIR Example 13.1. Vocabulary [Chinese, Beijing, Shanghai, Macao, Tokyo, Japan].
        var x = Tensor.From(new double[,]
        {
            { 2, 1, 0, 0, 0, 0 }, // d1 Chinese Beijing Chinese      (c = China)
            { 2, 0, 1, 0, 0, 0 }, // d2 Chinese Chinese Shanghai     (China)
            { 1, 0, 0, 1, 0, 0 }, // d3 Chinese Macao                (China)
            { 1, 0, 0, 0, 1, 1 }, // d4 Tokyo Japan Chinese          (Japan)
        });
        var model = new MultinomialNB(alpha: 1);
        model.Fit(x, Labels(1, 1, 1, 0));
        // P̂(Chinese|c) = 6/14, P̂(Tokyo|c) = P̂(Japan|c) = 1/14; P̂(Chinese|j) = P̂(Tokyo|j) = P̂(Japan|j) = 2/9.
        var d5 = Tensor.From(new double[,] { { 3, 0, 0, 0, 1, 1 } });
        double china = 0.75 * Math.Pow(3.0 / 7, 3) * Math.Pow(1.0 / 14, 2);   // ≈ 0.0003
        double japan = 0.25 * Math.Pow(2.0 / 9, 3) * Math.Pow(2.0 / 9, 2);    // ≈ 0.0001
        Assert.Equal(china / (china + japan), model.PredictProba(d5)[0, 1].Item(), 10);
        Assert.Equal(1, model.Predict(d5).Item<long>());
        Assert.Equal(Math.Log(2.0 / 9), model.FeatureLogProbabilities[0, 0].Item(), 12);
    }

    [Fact]
    public void LinearSvmFindsTheMaximumMarginOfTwoPoints()
    {
        // x₊ = (1, 0), x₋ = (−1, 0): the max-margin line is x₁ = 0 with w = (1, 0), b = 0, so α₊ = α₋ = ½ (w = Σαyx).
        var x = Tensor.From(new double[,] { { 1, 0 }, { -1, 0 } });
        var svm = new SVC(SvmKernel.Linear, c: 100, tolerance: 1e-9);
        svm.Fit(x, Labels(1, 0));
        Assert.True(svm.DecisionFunction(Tensor.From(new double[,] { { 2, 5 }, { -0.5, 0 } })).AllClose(Tensor.FromArray([2.0, -0.5]), atol: 1e-8));
        Assert.True(svm.DualCoefficients.Abs().AllClose(Tensor.Full([2, 1], 0.5, DType.Float64), atol: 1e-8));
    }

    [Fact]
    public void SoftMarginSvmSatisfiesTheKktConditions()
    {
        // Overlapping classes: every training point must satisfy the KKT conditions of the C-SVM dual within tolerance:
        // α = 0 ⇒ y f(x) ≥ 1, 0 < α < C ⇒ y f(x) = 1, α = C ⇒ y f(x) ≤ 1; and Σ αy = 0.
        var gen = new Generator(4);
        var x = Tensor.Randn([40, 2], DType.Float64, gen);
        var y = (x[.., 0] + 0.5 * Tensor.Randn([40], DType.Float64, gen)).Gt(0).Long();
        double c = 1;
        var svm = new SVC(SvmKernel.Rbf, c: c, gamma: 0.5, tolerance: 1e-6);
        svm.Fit(x, y);
        var signs = 2 * y.Double() - 1;
        var margin = (signs * svm.DecisionFunction(x)).ToDoubleArray();
        // α for every training row: support vectors are a subset of rows; recover α·y through the decision identity.
        var sv = svm.SupportVectors.ToDoubleArray();
        var coef = svm.DualCoefficients.Squeeze([1]).ToDoubleArray();
        var rows = x.ToDoubleArray();
        Assert.Equal(0.0, coef.Sum(), 6);
        for (int t = 0; t < 40; t++)
        {
            int s = Enumerable.Range(0, coef.Length).FirstOrDefault(k => sv[2 * k] == rows[2 * t] && sv[2 * k + 1] == rows[2 * t + 1], -1);
            double alpha = s < 0 ? 0 : Math.Abs(coef[s]);
            if (alpha < 1e-9) Assert.True(margin[t] >= 1 - 1e-3, $"row {t}: α=0 but y·f={margin[t]}");
            else if (alpha > c - 1e-9) Assert.True(margin[t] <= 1 + 1e-3, $"row {t}: α=C but y·f={margin[t]}");
            else Assert.Equal(1.0, margin[t], 2);
        }
    }

    [Fact]
    public void KernelMatricesMatchTheirFormulas()
    {
        var a = Tensor.From(new double[,] { { 1, 2 } });
        var b = Tensor.From(new double[,] { { 3, -1 }, { 0, 0 } });
        // aᵀb₁ = 1, ‖a − b₁‖² = 4 + 9 = 13; aᵀb₂ = 0, ‖a − b₂‖² = 5.
        Assert.True(KernelMatrix.Compute(SvmKernel.Linear, a, b, 1).AllClose(Tensor.From(new double[,] { { 1, 0 } })));
        Assert.True(KernelMatrix.Compute(SvmKernel.Polynomial, a, b, 0.5, degree: 2, coef0: 1).AllClose(Tensor.From(new double[,] { { 2.25, 1 } })));
        Assert.True(KernelMatrix.Compute(SvmKernel.Rbf, a, b, 0.1).AllClose(Tensor.From(new double[,] { { Math.Exp(-1.3), Math.Exp(-0.5) } })));
    }

    [Theory]
    [InlineData(SvcMulticlass.OneVsRest)]
    [InlineData(SvcMulticlass.OneVsOne)]
    public void SvmMulticlassAndProbabilitiesOnThreeClusters(SvcMulticlass multiclass)
    {
        var centres = Tensor.From(new double[,] { { 0, 0 }, { 5, 0 }, { 0, 5 } });
        var y = Tensor.Arange(0, 3, 1, DType.Int64).Unsqueeze(1).Expand(3, 10).Flatten();
        var x = centres.IndexSelect(0, y) + 0.5 * Tensor.Randn([30, 2], DType.Float64, new Generator(5));
        foreach (var kernel in new[] { SvmKernel.Linear, SvmKernel.Polynomial, SvmKernel.Rbf })
        {
            var svm = new SVC(kernel, c: 1, gamma: kernel == SvmKernel.Rbf ? 0.5 : 0.2, multiclass: multiclass);
            svm.Fit(x, y);
            Assert.Equal(1.0, svm.Score(x, y));
            var proba = svm.PredictProba(centres);
            Assert.True(proba.Sum(1).AllClose(Tensor.Ones([3], DType.Float64)));
            Assert.Equal(new long[] { 0, 1, 2 }, proba.ArgMax(1).ToArray<long>());
            Assert.Equal([3, 3], svm.DecisionFunction(centres).Shape);
        }
    }

    [Fact]
    public void LogisticRegressionReachesTheStationaryPointOfThePenalisedLoss()
    {
        // ∇ = (1/N) Xᵀ(σ(Xw + b) − y) + αw = 0 and (1/N) Σ (σ − y) = 0 at the optimum (binary case).
        var gen = new Generator(6);
        var x = Tensor.Randn([60, 3], DType.Float64, gen);
        var y = (x.MatMul(Tensor.FromArray([1.0, -1.0, 0.5])) + Tensor.Randn([60], DType.Float64, gen)).Gt(0).Long();
        double alpha = 0.05;
        var model = new LogisticRegression(alpha);
        model.Fit(x, y);
        var w = model.Weights.Squeeze([1]);
        var residual = (x.MatMul(w) + model.Intercept).Sigmoid() - y.Double();
        var gradW = x.T.MatMul(residual) / 60 + alpha * w;
        Assert.True(gradW.Abs().Max().Item() < 1e-6, $"‖∇w‖∞ = {gradW.Abs().Max().Item()}");
        Assert.True(Math.Abs(residual.Mean().Item()) < 1e-6);
        // The binary probabilities are [1 − σ(f), σ(f)] of the decision function.
        var p = model.PredictProba(x);
        Assert.True(p[.., 1].AllClose(model.DecisionFunction(x).Sigmoid(), rtol: 1e-12));
    }

    [Fact]
    public void MultinomialLogisticRegressionGradientVanishesAtTheOptimum()
    {
        var (x, y) = ClassicData.Iris();
        ITransformer scaler = new StandardScaler();
        var z = scaler.FitTransform(x);
        double alpha = 0.01;
        var model = new LogisticRegression(alpha);
        model.Fit(z, y);
        // ∇W = (1/N) Xᵀ(P − Y) + αW for softmax probabilities P and one-hot Y.
        var residual = model.PredictProba(z) - Tensor.OneHot(y, 3, DType.Float64);
        var gradW = z.T.MatMul(residual) / 150 + alpha * model.Weights;
        Assert.True(gradW.Abs().Max().Item() < 1e-5, $"‖∇W‖∞ = {gradW.Abs().Max().Item()}");
    }
}

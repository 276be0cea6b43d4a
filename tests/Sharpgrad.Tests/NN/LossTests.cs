using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>Closed forms, gradients and error messages of the losses (values against PyTorch are in <see cref="LossFixtureTests"/>).</summary>
public class LossTests
{
    private static Tensor Labels(params long[] values) => Tensor.From(values);
    private static Tensor Vec(params double[] values) => Tensor.From(values);

    private static Tensor Logits(int n, int c, int seed = 1) => Tensor.Randn([n, c], DType.Float64, new Generator(seed)) * 2;

    // ---------------------------------------------------------------- cross-entropy

    [Fact]
    public void CrossEntropyGradientIsSoftmaxMinusOneHot()
    {
        // GBC §6.2.2.3: ∂(−log softmax(z)_y)/∂z = softmax(z) − e_y.
        var z = Logits(4, 5).RequireGrad();
        var y = Labels(0, 4, 2, 2);
        Losses.CrossEntropy(z, y, reduction: Reduction.Sum).Backward();
        var expected = z.Detach().Softmax(1) - Tensor.OneHot(y, 5, DType.Float64);
        Assert.True(z.Grad!.AllClose(expected, rtol: 0, atol: 1e-14));

        z.Grad = null;
        Losses.CrossEntropy(z, y).Backward();                   // Mean divides by N
        Assert.True(z.Grad!.AllClose(expected / 4, rtol: 0, atol: 1e-14));
    }

    [Fact]
    public void CrossEntropyOfKnownDistribution()
    {
        // z = [0, ln 3] ⇒ p = [1/4, 3/4].
        var z = Tensor.From(new double[,] { { 0, Math.Log(3) } });
        Assert.Equal(Math.Log(4.0 / 3), Losses.CrossEntropy(z, Labels(1)).Item(), 14);
        Assert.Equal(Math.Log(4), Losses.CrossEntropy(z, Labels(0)).Item(), 14);
        // Label smoothing ε: (1 − ε)(−log p_y) + (ε/C)Σ_c(−log p_c).
        double smoothed = 0.8 * Math.Log(4.0 / 3) + 0.1 * (Math.Log(4) + Math.Log(4.0 / 3));
        Assert.Equal(smoothed, Losses.CrossEntropy(z, Labels(1), labelSmoothing: 0.2).Item(), 14);
    }

    [Fact]
    public void CrossEntropyIsFiniteForExtremeLogits()
    {
        // log(softmax) would be log(0) = −∞ for the label's probability e^{−1000}.
        var z = Tensor.From(new double[,] { { 0, 1000 } }).RequireGrad();
        var loss = Losses.CrossEntropy(z, Labels(0));
        Assert.Equal(1000, loss.Item(), 10);
        loss.Backward();
        Assert.Equal(new double[] { -1, 1 }, z.Grad!.ToArray<double>());
        Assert.Equal(1000, Losses.CrossEntropy(z.Detach().Float(), Labels(0)).Item(), 3);
    }

    [Fact]
    public void WeightedMeanDividesByTheTargetsWeights()
    {
        var z = Logits(3, 4);
        var y = Labels(1, 3, 1);
        var w = Vec(1, 2, 3, 4);
        var perExample = Losses.CrossEntropy(z, y, reduction: Reduction.None).ToArray<double>();
        double expected = (2 * perExample[0] + 4 * perExample[1] + 2 * perExample[2]) / (2 + 4 + 2);
        Assert.Equal(expected, Losses.CrossEntropy(z, y, w).Item(), 14);
    }

    [Fact]
    public void IgnoredLabelsContributeNothingAndAreNotCounted()
    {
        var z = Logits(4, 3).RequireGrad();
        var perExample = Losses.CrossEntropy(z.Detach(), Labels(2, 0, 1, 1), reduction: Reduction.None).ToArray<double>();
        var mean = Losses.CrossEntropy(z, Labels(2, -100, 1, -100));
        Assert.Equal((perExample[0] + perExample[2]) / 2, mean.Item(), 14);
        var custom = Losses.CrossEntropy(z.Detach(), Labels(2, 7, 1, 7), ignoreIndex: 7, reduction: Reduction.None).ToArray<double>();
        Assert.Equal(new[] { perExample[0], 0, perExample[2], 0 }, custom);
        mean.Backward();
        Assert.Equal(new double[] { 0, 0, 0 }, z.Grad![1].ToArray<double>());
        Assert.Equal(new double[] { 0, 0, 0 }, z.Grad![3].ToArray<double>());
    }

    [Fact]
    public void CrossEntropyOverSpatialDimensionsTreatsEachPositionAsAnExample()
    {
        // [N=2, C=3, L=2] with labels [2, 2] equals the 2-D loss over the 4 (n, l) rows.
        var z = Tensor.Randn([2, 3, 2], DType.Float64, new Generator(3));
        var y = Tensor.From(new long[,] { { 0, 2 }, { 1, 1 } });
        var rows = z.Permute(0, 2, 1).Reshape(4, 3);
        var perRow = Losses.CrossEntropy(rows, y.Reshape(4), reduction: Reduction.None);
        var spatial = Losses.CrossEntropy(z, y, reduction: Reduction.None);
        Assert.Equal([2, 2], spatial.Shape);
        Assert.True(spatial.Reshape(4).AllClose(perRow, rtol: 0, atol: 1e-15));
        var single = Losses.CrossEntropy(Vec(0, Math.Log(3)), Tensor.Scalar(1, DType.Int64), reduction: Reduction.None);
        Assert.Equal(0, single.Rank);
        Assert.Equal(Math.Log(4.0 / 3), single.Item(), 14);
    }

    [Fact]
    public void FloatLabelsAreRejectedNamingTheExpectedDtype()
    {
        var error = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Contains("CrossEntropy", error.Message);
        Assert.Contains("int64", error.Message);
        Assert.Contains("float32", error.Message);
    }

    [Fact]
    public void LabelsOutOfRangeAreRejected()
    {
        var tooBig = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(Tensor.Zeros(2, 4), Labels(1, 4)));
        Assert.Equal("CrossEntropy: label 4 is out of range for 4 classes; labels must be in [0, 4) (or equal ignoreIndex -100).", tooBig.Message);
        Assert.Contains("label -1 is out of range", Assert.Throws<ArgumentException>(() => Losses.NLL(Tensor.Zeros(2, 4), Labels(-1, 0))).Message);
        Assert.Contains("MultiMarginLoss: label 5", Assert.Throws<ArgumentException>(() => Losses.MultiMarginLoss(Tensor.Zeros(1, 4), Labels(5))).Message);
    }

    [Fact]
    public void ClassificationShapeErrors()
    {
        Assert.Equal("CrossEntropy: input of shape [5, 4] needs labels of shape [5], got [5, 1].",
            Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(Tensor.Zeros(5, 4), Tensor.Zeros([5, 1], DType.Int64))).Message);
        Assert.Contains("class weights must have shape [4] (one per class), got [3]",
            Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(Tensor.Zeros(2, 4), Labels(0, 1), Tensor.Ones(3))).Message);
        Assert.Contains("labelSmoothing must be in [0, 1]",
            Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(Tensor.Zeros(2, 4), Labels(0, 1), labelSmoothing: 1.5)).Message);
        Assert.Contains("only p = 1 and p = 2",
            Assert.Throws<ArgumentException>(() => Losses.MultiMarginLoss(Tensor.Zeros(2, 4), Labels(0, 1), p: 3)).Message);
    }

    // ---------------------------------------------------------------- regression

    [Fact]
    public void RegressionLossesAtKnownPoints()
    {
        var x = Vec(1, 2, 0);
        var t = Vec(3, 5, 0.5);                    // d = −2, −3, −0.5
        Assert.Equal((4 + 9 + 0.25) / 3, Losses.MSE(x, t).Item(), 14);
        Assert.Equal(5.5, Losses.L1(x, t, Reduction.Sum).Item(), 14);
        // SmoothL1 β = 1: |d| − ½ outside, ½d² inside.
        Assert.Equal(new double[] { 1.5, 2.5, 0.125 }, Losses.SmoothL1(x, t, reduction: Reduction.None).ToArray<double>());
        // Huber δ = 2: ½d² inside, δ(|d| − ½δ) outside.
        Assert.Equal(new double[] { 2, 4, 0.125 }, Losses.Huber(x, t, 2, Reduction.None).ToArray<double>());
        Assert.Equal(new double[] { 2, 3, 0.5 }, Losses.SmoothL1(x, t, beta: 0, reduction: Reduction.None).ToArray<double>());
    }

    [Fact]
    public void RegressionShapesMustMatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Losses.MSE(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Equal("MSE: input shape [2, 3] and target shape [3, 2] must be equal.", error.Message);
        Assert.Contains("Huber: input shape [4] and target shape [4, 1]",
            Assert.Throws<ArgumentException>(() => Losses.Huber(Tensor.Zeros(4), Tensor.Zeros(4, 1))).Message);
        Assert.Contains("BatchMean is only defined for KLDiv",
            Assert.Throws<ArgumentException>(() => Losses.L1(Tensor.Zeros(4), Tensor.Zeros(4), Reduction.BatchMean)).Message);
    }

    // ---------------------------------------------------------------- binary and divergence

    [Fact]
    public void BinaryCrossEntropyAtKnownPoints()
    {
        Assert.Equal(Math.Log(2), Losses.BCE(Vec(0.5), Vec(1)).Item(), 14);
        Assert.Equal(-Math.Log(0.2), Losses.BCE(Vec(0.8), Vec(0)).Item(), 14);
        Assert.Equal(100, Losses.BCE(Vec(0), Vec(1)).Item());               // log clamped at −100, as PyTorch
        Assert.Equal(Math.Log(2), Losses.BCEWithLogits(Vec(0), Vec(1)).Item(), 14);
        // Stable for huge logits, where σ(x) rounds to 0 or 1.
        Assert.Equal(1000, Losses.BCEWithLogits(Vec(-1000), Vec(1)).Item(), 10);
        Assert.Equal(1000, Losses.BCEWithLogits(Vec(1000), Vec(0)).Item(), 10);
        Assert.Equal(0, Losses.BCEWithLogits(Vec(1000), Vec(1)).Item(), 14);
        // pos_weight multiplies the positive term only: pw·(−log σ(0)) at t = 1.
        Assert.Equal(3 * Math.Log(2), Losses.BCEWithLogits(Vec(0), Vec(1), posWeight: Vec(3)).Item(), 14);
    }

    [Fact]
    public void BinaryCrossEntropyGradientsStayFiniteAtTheEnds()
    {
        var p = Vec(0, 1, 0.5).RequireGrad();
        Losses.BCE(p, Vec(0, 1, 1), reduction: Reduction.Sum).Backward();
        Assert.All(p.Grad!.ToArray<double>(), g => Assert.True(double.IsFinite(g)));
        var logits = Vec(-1000, 1000).RequireGrad();
        Losses.BCEWithLogits(logits, Vec(1, 0), reduction: Reduction.Sum).Backward();
        Assert.Equal(new double[] { -1, 1 }, logits.Grad!.ToArray<double>());    // σ(x) − t
    }

    [Fact]
    public void BceRejectsValuesOutsideZeroToOne()
    {
        var error = Assert.Throws<ArgumentException>(() => Losses.BCE(Vec(0.5, 1.5), Vec(0, 1)));
        Assert.Equal("BCE: probabilities must lie in [0, 1], got values in [0.5, 1.5]; for logits use BCEWithLogits.", error.Message);
    }

    [Fact]
    public void KLDivergenceClosedForms()
    {
        var p = Tensor.From(new double[,] { { 0.5, 0.5, 0 }, { 0.2, 0.3, 0.5 } });
        var q = Tensor.From(new double[,] { { 0.25, 0.25, 0.5 }, { 0.2, 0.3, 0.5 } });
        // D(p‖q): row 0 is 2·½·log 2 = log 2 (0·log 0 = 0), row 1 is 0.
        var kl = Losses.KLDiv(q.Log(), p, Reduction.BatchMean);
        Assert.Equal(Math.Log(2) / 2, kl.Item(), 14);
        Assert.Equal(Math.Log(2), Losses.KLDiv(q.Log(), p, Reduction.Sum).Item(), 14);
        Assert.Equal(Math.Log(2) / 6, Losses.KLDiv(q.Log(), p).Item(), 14);
        Assert.Equal(Math.Log(2), Losses.KLDiv(q.Log(), (p + 1e-300).Log(), Reduction.Sum, logTarget: true).Item(), 12);
        // The gradient w.r.t. the target is finite where it is 0.
        var target = p.Clone().RequireGrad();
        Losses.KLDiv(q.Log(), target, Reduction.Sum).Backward();
        Assert.All(target.Grad!.ToArray<double>(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void MultiMarginLossCountsViolatedMargins()
    {
        // y = 0, scores [2, 1.5, -1]: margins 1 − 2 + 1.5 = 0.5 and 1 − 2 − 1 < 0 ⇒ 0.5 / C with C = 3.
        var x = Tensor.From(new double[,] { { 2, 1.5, -1 } });
        Assert.Equal(0.5 / 3, Losses.MultiMarginLoss(x, Labels(0)).Item(), 14);
        Assert.Equal(0.25 / 3, Losses.MultiMarginLoss(x, Labels(0), p: 2).Item(), 14);
        Assert.Equal(2 * 0.5 / 3, Losses.MultiMarginLoss(x, Labels(0), weight: Vec(2, 5, 7)).Item(), 14);
    }

    // ---------------------------------------------------------------- gradient checks (float64)

    public static TheoryData<string> LossCases() =>
    [
        "CrossEntropy", "CrossEntropy weight", "CrossEntropy smoothing", "CrossEntropy weight smoothing", "CrossEntropy spatial ignore",
        "NLL", "NLL weight", "MSE", "L1", "SmoothL1", "SmoothL1 β 0.5", "Huber", "Huber δ 2", "BCE", "BCE weight",
        "BCEWithLogits", "BCEWithLogits posWeight", "KLDiv", "KLDiv batchmean", "KLDiv logTarget", "MultiMargin", "MultiMargin p2 weight",
    ];

    [Theory]
    [MemberData(nameof(LossCases))]
    public void GradCheckEveryLoss(string name)
    {
        var g = new Generator(21);
        var logits = Tensor.Randn([4, 3], DType.Float64, g).RequireGrad();
        var labels = Labels(0, 2, 1, 2);
        var classWeights = Vec(0.5, 2, 1.5).RequireGrad();
        // Regression inputs away from the kinks |d| = β, δ and 0.
        var input = (Tensor.Rand([4, 3], DType.Float64, g) * 3 + 0.1).RequireGrad();
        var target = Tensor.Zeros([4, 3], DType.Float64);
        var probs = (Tensor.Rand([4, 3], DType.Float64, g) * 0.8 + 0.1).RequireGrad();
        var soft = Tensor.Rand([4, 3], DType.Float64, g);
        var logQ = Tensor.Randn([4, 3], DType.Float64, g).LogSoftmax(1).Detach().RequireGrad();
        var p = Tensor.Randn([4, 3], DType.Float64, g).Softmax(1).Detach().RequireGrad();
        var spatial = Tensor.Randn([2, 3, 2], DType.Float64, g).RequireGrad();
        var spatialLabels = Tensor.From(new long[,] { { 0, -100 }, { 2, 1 } });
        var posWeight = Vec(0.5, 2, 3).RequireGrad();

        GradCheck.Assert(name switch
        {
            "CrossEntropy" => t => Losses.CrossEntropy(t[0], labels),
            "CrossEntropy weight" => t => Losses.CrossEntropy(t[0], labels, t[1]),
            "CrossEntropy smoothing" => t => Losses.CrossEntropy(t[0], labels, labelSmoothing: 0.1, reduction: Reduction.None),
            "CrossEntropy weight smoothing" => t => Losses.CrossEntropy(t[0], labels, t[1], labelSmoothing: 0.3),
            "CrossEntropy spatial ignore" => t => Losses.CrossEntropy(t[2], spatialLabels, t[1], 0.2),
            "NLL" => t => Losses.NLL(t[0].LogSoftmax(1), labels, reduction: Reduction.Sum),
            "NLL weight" => t => Losses.NLL(t[0], labels, t[1]),
            "MSE" => t => Losses.MSE(t[3], target),
            "L1" => t => Losses.L1(t[3], target, Reduction.None),
            "SmoothL1" => t => Losses.SmoothL1(t[3], target),
            "SmoothL1 β 0.5" => t => Losses.SmoothL1(t[3], target, 0.5, Reduction.Sum),
            "Huber" => t => Losses.Huber(t[3], target),
            "Huber δ 2" => t => Losses.Huber(t[3], target, 2, Reduction.None),
            "BCE" => t => Losses.BCE(t[4], soft),
            "BCE weight" => t => Losses.BCE(t[4], soft, classWeights.Detach(), Reduction.None),
            "BCEWithLogits" => t => Losses.BCEWithLogits(t[0], soft),
            "BCEWithLogits posWeight" => t => Losses.BCEWithLogits(t[0], soft, t[5]),
            "KLDiv" => t => Losses.KLDiv(t[6], t[7]),
            "KLDiv batchmean" => t => Losses.KLDiv(t[6], t[7], Reduction.BatchMean),
            "KLDiv logTarget" => t => Losses.KLDiv(t[6], t[7].Log(), Reduction.None, logTarget: true),
            "MultiMargin" => t => Losses.MultiMarginLoss(t[0], labels, margin: 0.7),
            "MultiMargin p2 weight" => t => Losses.MultiMarginLoss(t[0], labels, p: 2, weight: t[1], reduction: Reduction.None),
            _ => throw new ArgumentException(name),
        }, logits, classWeights, spatial, input, probs, posWeight, logQ, p);
    }
}

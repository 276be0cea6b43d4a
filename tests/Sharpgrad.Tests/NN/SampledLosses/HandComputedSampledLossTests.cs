using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.SampledLosses;

/// <summary>
/// NCE and the sampled softmax on a 3-word vocabulary with fixed noise samples, against closed forms derived by hand.
/// Set-up: h = (1, 0); rows w₀ = (1, 0), w₁ = (0, 1), w₂ = (−1, 0); b = 0, so s = (1, 0, −1). q = (¼, ½, ¼) (counts
/// 1, 2, 1 at power 1); target 0; k = 2 samples {1, 2}, so k·q = (½, 1, ½) and the corrected logits are
/// Δ = s − log(k·q) = (1 + ln 2, 0, −1 + ln 2).
/// </summary>
public class HandComputedSampledLossTests
{
    private static readonly double Ln2 = Math.Log(2), E = Math.E;

    private static (Tensor H, Tensor W, Tensor B) Layer() =>
        (Tensor.From(new[,] { { 1.0, 0 } }).RequireGrad(), Tensor.From(new[,] { { 1.0, 0 }, { 0, 1 }, { -1, 0 } }).RequireGrad(), Tensor.From(new double[3]).RequireGrad());

    private static readonly NoiseDistribution Noise = NoiseDistribution.Unigram([1, 2, 1], power: 1);

    private static SampledClasses Samples(params long[] classes) => new(Tensor.From(classes), Noise);

    private static readonly Tensor Target = Tensor.From(new long[] { 0 });

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void NceLossAndGradientsMatchTheHandComputation()
    {
        // −log σ(1 + ln 2) − log σ(0) − log σ(1 − ln 2) = ln(1 + e⁻¹/2) + ln 2 + ln(1 + 2e⁻¹).
        double expected = Math.Log(1 + 1 / (2 * E)) + Ln2 + Math.Log(1 + 2 / E);
        var (h, w, b) = Layer();
        var loss = Losses.Nce(h, w, b, Target, Samples(1, 2));
        Assert.Equal(expected, loss.Item(), 14);

        // ∂ℓ/∂b = ∂ℓ/∂s: −(1 − σ(Δ₀)) for the target, σ(Δⱼ) for each noise sample.
        loss.Backward();
        double g0 = -(1 / (2 * E)) / (1 + 1 / (2 * E)), g1 = 0.5, g2 = 2 / (2 + E);
        AssertClose([g0, g1, g2], b.Grad!);
        // ∂ℓ/∂h = Σ_w (∂ℓ/∂s_w)·w_w = (g0 − g2, g1); ∂ℓ/∂w_w = (∂ℓ/∂s_w)·h.
        AssertClose([g0 - g2, g1], h.Grad!);
        AssertClose([g0, 0, g1, 0, g2, 0], w.Grad!);
    }

    [Fact]
    public void SampledSoftmaxMatchesTheHandComputation()
    {
        // −Δ₀ + log(e^Δ₀ + e^Δ₁ + e^Δ₂) = −(1 + ln 2) + ln(2e + 1 + 2/e).
        double expected = -(1 + Ln2) + Math.Log(2 * E + 1 + 2 / E);
        var (h, w, b) = Layer();
        var loss = Losses.SampledSoftmax(h, w, b, Target, Samples(1, 2));
        Assert.Equal(expected, loss.Item(), 14);
        loss.Backward();
        double z = 2 * E + 1 + 2 / E;
        AssertClose([2 * E / z - 1, 1 / z, 2 / E / z], b.Grad!);
    }

    [Fact]
    public void SampledSoftmaxRemovesAnAccidentalHitOfTheTarget()
    {
        // Samples {0, 1}: the sample 0 is the target itself. Removed: −Δ₀ + log(e^Δ₀ + e^Δ₁); kept, e^Δ₀ counts twice.
        double removed = -(1 + Ln2) + Math.Log(2 * E + 1), kept = -(1 + Ln2) + Math.Log(4 * E + 1);
        var (h, w, b) = Layer();
        Assert.Equal(removed, Losses.SampledSoftmax(h, w, b, Target, Samples(0, 1)).Item(), 14);
        Assert.Equal(kept, Losses.SampledSoftmax(h, w, b, Target, Samples(0, 1), removeAccidentalHits: false).Item(), 14);
    }

    [Fact]
    public void NegativeSamplingIsNceWithKTimesQEqualToOne()
    {
        // Uniform q over 4 classes and k = 4 samples: k·q = 1, so NCE's correction vanishes and the loss is
        // word2vec's −log σ(s_y) − Σⱼ log σ(−s_ŵⱼ).
        var h = Tensor.From(new[,] { { 0.3, -0.2 }, { -1.0, 0.5 } });
        var w = Tensor.From(new[,] { { 0.5, 1 }, { -0.3, 0.2 }, { 1.5, -1 }, { 0, 0.7 } });
        var b = Tensor.From(new[] { 0.1, -0.2, 0.0, 0.3 });
        long[] targets = [2, 0], noise = [1, 3, 3, 0];
        var logits = h.MatMul(w.Transpose(0, 1)) + b;
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            expected -= Math.Log(Sigmoid(logits[i, (int)targets[i]].Item()));
            foreach (long j in noise) expected -= Math.Log(Sigmoid(-logits[i, (int)j].Item()));
        }
        var loss = Losses.Nce(h, w, b, Tensor.From(targets), new SampledClasses(Tensor.From(noise), NoiseDistribution.Uniform(4)), Reduction.Sum);
        Assert.Equal(expected, loss.Item(), 13);
    }

    [Fact]
    public void ReductionNoneGivesOneLossPerExample()
    {
        var (h, w, b) = Layer();
        var two = Tensor.Cat([h, h * 2], 0);
        var perExample = Losses.Nce(two, w, b, Tensor.From(new long[] { 0, 2 }), Samples(1, 2), Reduction.None);
        Assert.Equal([2], perExample.Shape);
        Assert.Equal(perExample.Mean().Item(), Losses.Nce(two, w, b, Tensor.From(new long[] { 0, 2 }), Samples(1, 2)).Item(), 14);
    }

    [Fact]
    public void BadInputNamesTheOperationAndTheShapes()
    {
        var (h, w, b) = Layer();
        var wrongWidth = Assert.Throws<ArgumentException>(() => Losses.Nce(h, Tensor.Zeros([3, 5], DType.Float64), b, Target, Samples(1)));
        Assert.Contains("Nce", wrongWidth.Message);
        Assert.Contains("[3, 5]", wrongWidth.Message);
        var badTarget = Assert.Throws<ArgumentException>(() => Losses.SampledSoftmax(h, w, b, Tensor.From(new long[] { 3 }), Samples(1)));
        Assert.Contains("SampledSoftmax", badTarget.Message);
        Assert.Contains("out of range", badTarget.Message);
        var badSample = Assert.Throws<ArgumentException>(() => Losses.Nce(h, w, b, Target, Samples(1, 7)));
        Assert.Contains("7", badSample.Message);
        var otherVocabulary = Assert.Throws<ArgumentException>(() => Losses.Nce(h, w, b, Target, new SampledClasses(Tensor.From(new long[] { 1 }), NoiseDistribution.Uniform(4))));
        Assert.Contains("4 classes", otherVocabulary.Message);
        // A target the proposal never draws would make the corrected logit +∞.
        var never = new SampledClasses(Tensor.From(new long[] { 1 }), NoiseDistribution.Unigram([0, 1, 1], power: 1));
        var undrawable = Assert.Throws<ArgumentException>(() => Losses.SampledSoftmax(h, w, b, Target, never));
        Assert.Contains("q = 0", undrawable.Message);
        // So would a hand-built sample the proposal never draws (class 2 here; the target 0 is drawable).
        var neverSampled = new SampledClasses(Tensor.From(new long[] { 2 }), NoiseDistribution.Unigram([1, 1, 0], power: 1));
        var undrawableSample = Assert.Throws<ArgumentException>(() => Losses.Nce(h, w, b, Target, neverSampled));
        Assert.Contains("sampled class 2", undrawableSample.Message);
    }

    private static void AssertClose(double[] expected, Tensor actual)
    {
        var values = actual.Reshape(-1).ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], values[i], 13);
    }
}

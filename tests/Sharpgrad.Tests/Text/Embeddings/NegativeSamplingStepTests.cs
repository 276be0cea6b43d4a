using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>One negative-sampling update and the σ table it reads, computed by hand.</summary>
public class NegativeSamplingStepTests
{
    [Fact]
    public void TheSigmoidTableTruncatesToItsGridAndClampsBeyondSix()
    {
        // x = 0 is grid point 500 exactly; x = 0.25 lies in the cell of grid point 520, x = (2·520/1000 − 1)·6 = 0.24.
        Assert.Equal(0.5f, SigmoidTable.Sigmoid(0f));
        Assert.Equal(1 / (1 + Math.Exp(-0.24)), SigmoidTable.Sigmoid(0.25f), 1e-7);
        Assert.Equal(Math.Log(1 / (1 + Math.Exp(-0.24))), SigmoidTable.LogSigmoid(0.25f), 1e-6);
        Assert.Equal(1f, SigmoidTable.Sigmoid(6f));
        Assert.Equal(0f, SigmoidTable.Sigmoid(-7f));
        Assert.Equal(-7f, SigmoidTable.LogSigmoid(-7f));
        Assert.Equal(0f, SigmoidTable.LogSigmoid(9f));
        // Never more than one grid step (0.012) from the exact value: |σ′| ≤ 1/4, so within 0.003.
        for (float x = -5.99f; x < 6; x += 0.037f) Assert.InRange(SigmoidTable.Sigmoid(x) - 1 / (1 + Math.Exp(-x)), -0.0031, 1e-7);
    }

    /// <summary>
    /// Input vector v = (1, 0.5) (word 1's), target word 0 with output vector u₀ = (0.2, 0.1), one noise word, word 2,
    /// with u₂ = (−0.4, 0.3), α = 0.5. Scores s⁺ = u₀·v = 0.25 and s⁻ = u₂·v = −0.25; the table gives
    /// σ(0.25) ≈ σ(0.24) = 1/(1 + e^−0.24) = 1/1.786628 = 0.559714 and σ(−0.25) ≈ σ(−0.252) = 1/(1 + e^0.252) =
    /// 1/2.286596 = 0.437331. The objective is log σ(s⁺) + log σ(−s⁻) (the noise term with −s), so
    ///   g⁺ = (1 − 0.559714)·0.5 = 0.220143,   g⁻ = (0 − 0.437331)·0.5 = −0.218666;
    ///   u₀ ← u₀ + g⁺v = (0.420143, 0.210072),  u₂ ← u₂ + g⁻v = (−0.618666, 0.190667);
    ///   v ← v + g⁺u₀ + g⁻u₂ (the old u's) = (1 + 0.044029 + 0.087466, 0.5 + 0.022014 − 0.065600) = (1.131495, 0.456415).
    /// Loss −log σ(s⁺) − log σ(−s⁻) = −2·log σ(0.24) = 2·0.580330 = 1.160660 (−s⁻ = 0.25 falls in the same cell).
    /// With the misprinted log σ(s⁻) the noise word would move the other way (g⁻ = +0.281334).
    /// </summary>
    [Fact]
    public void OneSkipGramNegativeSamplingStepByHand()
    {
        // A noise distribution that can only draw word 2, so the step is fixed.
        var (weights, worker, rows) = TwoDimensionalStep(new Word2VecOptions { VectorSize = 2, Window = 1, Negative = 1, Sample = 0 }, new NoiseSampler([0, 0, 1]));

        worker.TrainPrediction(0, rows.Input(1), 0.5f, new Generator(0), rows);

        AssertClose([0.420143, 0.210072], weights.Syn1Neg.AsSpan(0, 2));
        AssertClose([-0.618666, 0.190667], weights.Syn1Neg.AsSpan(4, 2));
        AssertClose([1.131495, 0.456415], weights.Syn0.AsSpan(2, 2));
        AssertClose([0, 0], weights.Syn1Neg.AsSpan(2, 2)); // word 1's output vector is not involved
        var (loss, predictions) = worker.TakeLoss();
        Assert.Equal(1, predictions);
        Assert.Equal(1.160660, loss, 1e-5);
    }

    /// <summary>
    /// The same step under NCE (GBC §18.6), with q = (¼, 0, ¾) and k = 1, so each score is shifted by −log(k·q):
    /// Δ⁺ = 0.25 − log ¼ = 1.636294 and Δ⁻ = −0.25 − log ¾ = 0.037682. The table reads the grid points below them,
    /// 1.632 (index 636) and 0.036 (index 503): σ(1.632) = 0.836443, σ(0.036) = 0.508999, so
    ///   g⁺ = (1 − 0.836443)·0.5 = 0.081778,   g⁻ = −0.508999·0.5 = −0.254500;
    ///   u₀ ← (0.2 + g⁺, 0.1 + 0.5g⁺) = (0.281778, 0.140889),  u₂ ← (−0.4 + g⁻, 0.3 + 0.5g⁻) = (−0.654500, 0.172750);
    ///   v ← (1 + 0.2g⁺ − 0.4g⁻, 0.5 + 0.1g⁺ + 0.3g⁻) = (1.118155, 0.431828).
    /// Loss −log σ(1.632) − log σ(−0.048) (−Δ⁻ = −0.037682 falls at index 496) = 0.178593 + 0.717439 = 0.896032.
    /// Negative sampling gave g⁺ = 0.220143; here k·q(a) = ¼ &lt; 1 raises the target's log-odds by log 4, so it is pushed less.
    /// </summary>
    [Fact]
    public void OneSkipGramNceStepByHand()
    {
        var noise = new NoiseSampler([1, 0, 3], power: 1);
        const int seed = 0;
        Assert.Equal(2, noise.Sample(new Generator(seed))); // the worker's first draw with this seed is word 2
        var options = new Word2VecOptions { VectorSize = 2, Window = 1, Negative = 1, Sample = 0, NoiseContrastive = true };
        var (weights, worker, rows) = TwoDimensionalStep(options, noise);

        worker.TrainPrediction(0, rows.Input(1), 0.5f, new Generator(seed), rows);

        AssertClose([0.281778, 0.140889], weights.Syn1Neg.AsSpan(0, 2));
        AssertClose([-0.654500, 0.172750], weights.Syn1Neg.AsSpan(4, 2));
        AssertClose([1.118155, 0.431828], weights.Syn0.AsSpan(2, 2));
        Assert.Equal(0.896032, worker.TakeLoss().Loss, 1e-5);
    }

    /// <summary>
    /// Under NCE a noise draw equal to the target is kept as a noise sample (negative sampling skips it): the estimator
    /// counts every word's draws, the target's included. Noise q = (1, 0, 0), k = 1, so log(k·q(a)) = 0 and nothing is
    /// shifted; target a, and the one draw is a again. Data step as in the negative-sampling test: s⁺ = 0.25 → σ(0.24),
    /// g⁺ = 0.220143, u₀ ← (0.420143, 0.210072). Noise step on the updated u₀: s⁻ = u₀·v = 0.525179, grid index 543,
    /// σ(0.516) = 0.626212, g⁻ = −0.313106, u₀ ← u₀ + g⁻v = (0.107037, 0.053519); the input gradient collects
    /// g⁺·(0.2, 0.1) + g⁻·(0.420143, 0.210072), so v ← (0.912479, 0.456240). Loss −log σ(0.24) − log σ(−0.528)
    /// (−s⁻ at index 456) = 0.580330 + 0.991598 = 1.571928. Skipping the draw would leave u₀ at (0.420143, 0.210072).
    /// </summary>
    [Fact]
    public void NceKeepsANoiseDrawOfTheTarget()
    {
        var options = new Word2VecOptions { VectorSize = 2, Window = 1, Negative = 1, Sample = 0, NoiseContrastive = true };
        var (weights, worker, rows) = TwoDimensionalStep(options, new NoiseSampler([1, 0, 0], power: 1));

        worker.TrainPrediction(0, rows.Input(1), 0.5f, new Generator(0), rows);

        AssertClose([0.107037, 0.053519], weights.Syn1Neg.AsSpan(0, 2));
        AssertClose([0.912479, 0.456240], weights.Syn0.AsSpan(2, 2));
        Assert.Equal(1.571928, worker.TakeLoss().Loss, 1e-5);
    }

    [Fact]
    public void NceNeedsNoiseWords()
    {
        var error = Assert.Throws<ArgumentException>(() => new Word2VecOptions { Negative = 0, HierarchicalSoftmax = true, NoiseContrastive = true }.Validate());
        Assert.Contains("NoiseContrastive", error.Message);
    }

    /// <summary>
    /// Three words (counts 3, 2, 1), d = 2: word 1's input vector v = (1, 0.5), output vectors u₀ = (0.2, 0.1) and
    /// u₂ = (−0.4, 0.3), u₁ = 0.
    /// </summary>
    private static (Word2VecWeights Weights, Word2VecWorker Worker, SharedRows Rows) TwoDimensionalStep(Word2VecOptions options, NoiseSampler noise)
    {
        var vocabulary = Vocabulary.Build(["a", "a", "a", "b", "b", "c"]);
        var weights = new Word2VecWeights(3, 3, 2, negative: true, hierarchical: false);
        weights.Syn0[2] = 1f;
        weights.Syn0[3] = 0.5f;
        weights.Syn1Neg[0] = 0.2f;
        weights.Syn1Neg[1] = 0.1f;
        weights.Syn1Neg[4] = -0.4f;
        weights.Syn1Neg[5] = 0.3f;
        var tables = new Word2VecTables(vocabulary, options, tree: null, noise: noise);
        return (weights, new Word2VecWorker(options, tables), new SharedRows(weights));
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }
}

using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.SampledLosses;

/// <summary>
/// How the sampled losses relate to the full softmax they replace: exactly, when the whole vocabulary is the sample
/// under a uniform proposal; in expectation over many draws otherwise (NCE: unbiased for its own closed-form
/// expectation, which tends to the log-likelihood gradient; the sampled softmax: consistent, with an O(1/k) bias).
/// </summary>
public class SampledLossAgainstFullSoftmaxTests
{
    private static (Tensor H, Tensor W, Tensor B, Tensor Y) RandomLayer(int batch, int dim, int classes, int seed)
    {
        var g = new Generator(seed);
        return (Tensor.Randn([batch, dim], DType.Float64, g).RequireGrad(), Tensor.Randn([classes, dim], DType.Float64, g).RequireGrad(),
            Tensor.Randn([classes], DType.Float64, g).RequireGrad(), Tensor.From(Enumerable.Range(0, batch).Select(i => (long)(i * 3 % classes)).ToArray()));
    }

    private static SampledClasses EveryClassOnce(int classes) =>
        new(Tensor.From(Enumerable.Range(0, classes).Select(c => (long)c).ToArray()), NoiseDistribution.Uniform(classes));

    [Fact]
    public void WithTheWholeVocabularyAsTheSampleItIsTheFullSoftmaxCrossEntropy()
    {
        // Uniform q and k = V: k·q = 1, no correction; removing the target's own sample leaves exactly the V classes.
        const int classes = 5;
        var (h, w, b, y) = RandomLayer(4, 3, classes, seed: 1);
        var sampled = Losses.SampledSoftmax(h, w, b, y, EveryClassOnce(classes));
        var sampledGrads = Autograd.Grad([sampled], [h, w, b]);
        var full = Losses.CrossEntropy(h.MatMul(w.Transpose(0, 1)) + b, y);
        var fullGrads = Autograd.Grad([full], [h, w, b]);
        Assert.Equal(full.Item(), sampled.Item(), 13);
        for (int i = 0; i < 3; i++) AssertClose(fullGrads[i], sampledGrads[i], 1e-13);
    }

    [Fact]
    public void KeepingTheTargetsOwnSampleAddsLogOfOnePlusItsProbability()
    {
        // −s_y + log(Z + e^{s_y}) = −log p_y + log(1 + p_y): the known constant the accidental hit adds.
        const int classes = 5;
        var (h, w, b, y) = RandomLayer(4, 3, classes, seed: 2);
        var logits = h.MatMul(w.Transpose(0, 1)) + b;
        var pTarget = logits.Softmax(1).Gather(1, y.Unsqueeze(1)).Reshape(-1);
        var expected = Losses.CrossEntropy(logits, y, reduction: Reduction.None) + (pTarget + 1).Log();
        var kept = Losses.SampledSoftmax(h, w, b, y, EveryClassOnce(classes), removeAccidentalHits: false, reduction: Reduction.None);
        AssertClose(expected, kept, 1e-13);
    }

    // The statistical tests score classes by the bias alone (h = 0), so ∂ℓ/∂b is ∂ℓ/∂s, and set s = log p with Σp = 1:
    // the self-normalised model NCE assumes. q is a smoothed unigram distribution unlike p.
    private static readonly double[] P = [0.3, 0.25, 0.2, 0.1, 0.1, 0.05];
    private static readonly NoiseDistribution Proposal = NoiseDistribution.Unigram([10, 5, 3, 2, 1, 1]);
    private const int Target = 1;

    /// <summary>Mean and standard error over <paramref name="draws"/> draws of k samples of ∂ℓ/∂b.</summary>
    private static (double[] Mean, double[] StandardError) GradientStatistics(
        Func<Tensor, Tensor, Tensor, Tensor, SampledClasses, Tensor> loss, int k, int draws, int seed)
    {
        var generator = new Generator(seed);
        var h = Tensor.Zeros([1, 1], DType.Float64);
        var w = Tensor.Zeros([P.Length, 1], DType.Float64);
        var y = Tensor.From(new long[] { Target });
        var sum = new double[P.Length];
        var sumSquares = new double[P.Length];
        for (int n = 0; n < draws; n++)
        {
            var b = Tensor.From(P.Select(p => Math.Log(p)).ToArray()).RequireGrad();
            var grad = Autograd.Grad([loss(h, w, b, y, Proposal.Draw(k, generator))], [b])[0].ToArray<double>();
            for (int c = 0; c < P.Length; c++)
            {
                sum[c] += grad[c];
                sumSquares[c] += grad[c] * grad[c];
            }
        }
        var mean = sum.Select(s => s / draws).ToArray();
        var se = mean.Select((m, c) => Math.Sqrt(Math.Max(0, sumSquares[c] / draws - m * m) / (draws - 1))).ToArray();
        return (mean, se);
    }

    [Fact]
    public void NceGradientIsUnbiasedForItsExpectationWhichTendsToTheLikelihoodGradient()
    {
        // Class w appears n_w ~ Binomial(k, q_w) times, each noise copy contributing σ(Δ_w), so in expectation
        // ∂ℓ/∂s_w = k·q_w·σ(s_w − log k·q_w) − [w = y]·(1 − σ(s_y − log k·q_y)) (Mnih & Teh 2012, eq. 8).
        static double[] Expected(int k) => [.. Enumerable.Range(0, P.Length).Select(w =>
        {
            double kq = k * Proposal.Probabilities[w], sigma = 1 / (1 + kq / P[w]);
            return kq * sigma - (w == Target ? 1 - sigma : 0);
        })];
        const int k = 20, draws = 1500;
        var (mean, se) = GradientStatistics((h, w, b, y, s) => Losses.Nce(h, w, b, y, s), k, draws, seed: 3);
        var expected = Expected(k);
        for (int c = 0; c < P.Length; c++)
            Assert.True(Math.Abs(mean[c] - expected[c]) <= 4 * se[c], $"class {c}: mean {mean[c]}, expected {expected[c]} ± 4·{se[c]}");

        // As k → ∞ the expectation tends to p − onehot(y), the log-likelihood gradient: at k = 10⁶ the target's entry is still p_y/(k·q_y) ≈ 1.1e-6 off, so within 1e-5.
        var limit = Expected(1_000_000);
        for (int c = 0; c < P.Length; c++) Assert.True(Math.Abs(P[c] - (c == Target ? 1 : 0) - limit[c]) < 1e-5, $"class {c}: {limit[c]}");
    }

    [Fact]
    public void WithHitsKeptTheSampledSoftmaxGradientIsAConsistentEstimateOfTheFullSoftmaxGradient()
    {
        // Kept, the target's own samples estimate its share of Z, so the gradient tends to p − onehot(y).
        var (mean, se) = GradientStatistics((h, w, b, y, s) => Losses.SampledSoftmax(h, w, b, y, s, removeAccidentalHits: false), K, Draws, seed: 4);
        AssertConsistent(mean, se, P, targetLimit: P[Target] - 1);
    }

    [Fact]
    public void WithHitsRemovedTheSampledSoftmaxGradientTendsToTheSoftmaxWithoutTheTargetsMass()
    {
        // Removed (TensorFlow's default), the target enters Z only through its own logit, weighted 1/(k·q_y) → 0, so the
        // gradient tends to p_w/(1 − p_y) for w ≠ y and −1 for y: the gradient of −s_y + log Σ_{w≠y} e^{s_w}, not of
        // the full softmax. Negligible when p_y is small, as in a large vocabulary; documented in the design notes.
        var (mean, se) = GradientStatistics((h, w, b, y, s) => Losses.SampledSoftmax(h, w, b, y, s), K, Draws, seed: 5);
        var withoutTarget = P.Select((p, c) => c == Target ? 0 : p / (1 - P[Target])).ToArray();
        AssertConsistent(mean, se, withoutTarget, targetLimit: -1);
    }

    private const int K = 1000, Draws = 300;

    /// <summary>
    /// The sampled softmax's gradient is a self-normalised importance-sampling estimate of r − onehot(y) for the softmax r
    /// it converges to: its bias is O(1/k). The delta method bounds the leading term per class by
    /// (Σ_x r_x²/q_x + r_y/q_y)/k (the spread of the weights r/q, plus the target's own term in the denominator); we allow
    /// twice that, plus 4 standard errors of the Monte-Carlo mean, and check the tolerance stays small enough to mean something.
    /// </summary>
    private static void AssertConsistent(double[] mean, double[] se, double[] r, double targetLimit)
    {
        var q = Proposal.Probabilities;
        double bias = (r.Select((p, x) => p * p / q[x]).Sum() + P[Target] / q[Target]) / K;
        for (int c = 0; c < P.Length; c++)
        {
            double limit = c == Target ? targetLimit : r[c], tolerance = 2 * bias + 4 * se[c];
            Assert.True(Math.Abs(mean[c] - limit) <= tolerance, $"class {c}: mean {mean[c]}, limit {limit} ± {tolerance}");
            Assert.True(tolerance < 0.03, $"class {c}: a tolerance of {tolerance} would not test anything");
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.Reshape(-1).ToArray<double>();
        var a = actual.Reshape(-1).ToArray<double>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"element {i}: expected {e[i]}, got {a[i]}");
    }
}

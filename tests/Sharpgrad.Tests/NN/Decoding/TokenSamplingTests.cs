using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.Decoding;

/// <summary>
/// Temperature, top-k and top-p filtering against closed forms. The logits are the logs of a known distribution
/// p = (0.5, 0.2, 0.15, 0.1, 0.05), so softmax(logits) = p and each filter's result is a renormalised piece of p.
/// </summary>
public sealed class TokenSamplingTests
{
    private static readonly double[] P = [0.5, 0.2, 0.15, 0.1, 0.05];

    private static Tensor Logits => Tensor.From(P.Select(x => Math.Log(x)).ToArray());

    private static double[] Filtered(SamplingOptions options) => TokenSampling.Probabilities(Logits, options).ToArray<double>();

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void WithoutFiltersTheDistributionIsTheSoftmax() => Near(P, Filtered(new SamplingOptions()));

    /// <summary>Top-p 0.6: 0.5 &lt; 0.6 ≤ 0.5 + 0.2, so the nucleus is the first two tokens: (5/7, 2/7). Top-p 0.8 needs three: ÷0.85.</summary>
    [Fact]
    public void TopPKeepsTheSmallestSetReachingP()
    {
        Near([5.0 / 7, 2.0 / 7, 0, 0, 0], Filtered(new SamplingOptions(topP: 0.6)));
        Near([0.5 / 0.85, 0.2 / 0.85, 0.15 / 0.85, 0, 0], Filtered(new SamplingOptions(topP: 0.8)));
        Near([1, 0, 0, 0, 0], Filtered(new SamplingOptions(topP: 0.3)));
    }

    /// <summary>
    /// Top-k 3 renormalises to (0.5, 0.2, 0.15)/0.85 = (0.588, 0.235, 0.176) before the nucleus is taken, so top-p 0.8 then
    /// needs only two tokens (0.588 + 0.235 = 0.824 ≥ 0.8); on the unrenormalised p it would have needed three.
    /// </summary>
    [Fact]
    public void TopKCutsFirstAndTopPWorksOnTheRenormalisedRest()
    {
        Near([5.0 / 7, 2.0 / 7, 0, 0, 0], Filtered(new SamplingOptions(topK: 2)));
        Near([5.0 / 7, 2.0 / 7, 0, 0, 0], Filtered(new SamplingOptions(topK: 3, topP: 0.8)));
        Near(P, Filtered(new SamplingOptions(topK: 50)));
    }

    /// <summary>softmax(z/T) of z = (0, ln 2) at T = 2 is (1, √2)/(1 + √2); T = 0 is the argmax (the first of tied maxima).</summary>
    [Fact]
    public void TemperatureDividesTheLogitsAndZeroIsTheArgmax()
    {
        var logits = Tensor.From([0, Math.Log(2)]);
        Near([1 / (1 + Math.Sqrt(2)), Math.Sqrt(2) / (1 + Math.Sqrt(2))], TokenSampling.Probabilities(logits, new SamplingOptions(2)).ToArray<double>());
        Near([0, 0, 1, 0], TokenSampling.Probabilities(Tensor.From([1.0, 2, 3, 3]), new SamplingOptions(0)).ToArray<double>());
        var nearZero = TokenSampling.Probabilities(Tensor.From([1.0, 2, 3, 2.9]), new SamplingOptions(1e-3)).ToArray<double>();
        Assert.Equal(1.0, nearZero[2]); // the runner-up has e^(−0.1/0.001) = e^−100 ≈ 4e-44 of the mass
        Assert.InRange(nearZero[3], 1e-44, 1e-43);
        var draws = TokenSampling.Sample(Logits.Reshape(1, 5).Expand(50, 5), new SamplingOptions(0), new Generator(3)).ToArray<long>();
        Assert.All(draws, d => Assert.Equal(0, d));
    }

    /// <summary>
    /// 20 000 draws under top-k 3 land on the three kept tokens with frequencies within 5 binomial standard deviations of
    /// n·pᵢ (pᵢ = (0.5, 0.2, 0.15)/0.85), never on a cut token; the same seed gives the same draws.
    /// </summary>
    [Fact]
    public void DrawFrequenciesMatchTheFilteredDistribution()
    {
        const int n = 20_000;
        var logits = Logits.Reshape(1, 5).Expand(n, 5).Float();
        var options = new SamplingOptions(topK: 3);
        var draws = TokenSampling.Sample(logits, options, new Generator(11)).ToArray<long>();
        Assert.Equal(draws, TokenSampling.Sample(logits, options, new Generator(11)).ToArray<long>());
        double[] expected = [0.5 / 0.85, 0.2 / 0.85, 0.15 / 0.85, 0, 0];
        for (int token = 0; token < 5; token++)
        {
            int count = draws.Count(d => d == token);
            double mean = n * expected[token], sd = Math.Sqrt(n * expected[token] * (1 - expected[token]));
            Assert.True(Math.Abs(count - mean) <= 5 * sd, $"token {token}: {count} draws, expected {mean:F0} ± {5 * sd:F0}");
        }
    }

    [Fact]
    public void BadInputIsAnErrorNamingTheProblem()
    {
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => TokenSampling.Probabilities(Tensor.From([1.0, double.NaN]), new())).Message);
        Assert.Contains("every logit", Assert.Throws<ArgumentException>(() =>
            TokenSampling.Probabilities(Tensor.From([double.NegativeInfinity, double.NegativeInfinity]), new())).Message);
        Assert.Contains("[2, 2, 2]", Assert.Throws<ArgumentException>(() => TokenSampling.Probabilities(Tensor.Zeros(2, 2, 2), new())).Message);
        Assert.Contains("topK", Assert.Throws<ArgumentException>(() => new SamplingOptions(topK: 0)).Message);
        Assert.Contains("topP", Assert.Throws<ArgumentException>(() => new SamplingOptions(topP: 0)).Message);
        Assert.Contains("temperature", Assert.Throws<ArgumentException>(() => new SamplingOptions(-1)).Message);
    }
}

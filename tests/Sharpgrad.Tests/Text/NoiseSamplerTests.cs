using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>The unigram^0.75 noise distribution: exact probabilities by hand, and sampled frequencies within multinomial bounds.</summary>
public class NoiseSamplerTests
{
    // 1, 16, 81, 256 raised to 3/4 are 1, 8, 27, 64, which sum to 100.
    private static readonly long[] Counts = [1, 16, 81, 256];

    [Fact]
    public void ProbabilitiesAreCountsToTheThreeQuartersNormalised()
    {
        var probabilities = new NoiseSampler(Counts).Probabilities;
        double[] expected = [0.01, 0.08, 0.27, 0.64];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], probabilities[i], 1e-15);
        Assert.Equal([0.25, 0.25, 0.25, 0.25], new NoiseSampler(Counts, power: 0).Probabilities);
    }

    /// <summary>
    /// Each frequency of n draws has variance p(1−p)/n (a multinomial's margin); with a fixed seed the test is
    /// deterministic, and five standard deviations leave room for any seed that is not pathological.
    /// </summary>
    [Fact]
    public void SampledFrequenciesMatchTheDistribution()
    {
        long[] counts = [5, 1, 0, 300, 42, 7, 1000, 2];
        double[] weights = [.. counts.Select(c => Math.Pow(c, 0.75))];
        double total = weights.Sum();
        const int n = 400_000;
        var draws = new NoiseSampler(counts).Sample(n, new Generator(42));
        for (int i = 0; i < counts.Length; i++)
        {
            double p = weights[i] / total, frequency = draws.Count(d => d == i) / (double)n;
            double bound = 5 * Math.Sqrt(p * (1 - p) / n);
            Assert.True(Math.Abs(frequency - p) <= bound, $"word {i}: frequency {frequency}, expected {p} ± {bound}");
        }
        Assert.DoesNotContain(2, draws); // a count of zero is never drawn
    }

    [Fact]
    public void TheSameSeedGivesTheSameDraws()
    {
        var sampler = Vocabulary.Build("a b b c c c".Split(' ')).NoiseSampler();
        Assert.Equal(sampler.Sample(1000, new Generator(3)), sampler.Sample(1000, new Generator(3)));
        Assert.NotEqual(sampler.Sample(1000, new Generator(3)), sampler.Sample(1000, new Generator(4)));
    }

    [Fact]
    public void BadCountsAreNamed()
    {
        Assert.Contains("every one of the 2 counts is zero", Assert.Throws<ArgumentException>(() => new NoiseSampler([0, 0])).Message);
        Assert.Contains("counts must be non-negative, got -1 at index 1", Assert.Throws<ArgumentException>(() => new NoiseSampler([1, -1])).Message);
        Assert.Contains("expected at least one word count", Assert.Throws<ArgumentException>(() => new NoiseSampler([])).Message);
    }
}

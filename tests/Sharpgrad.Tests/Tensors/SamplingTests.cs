using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Multinomial and Bernoulli: frequencies against their binomial distribution (a count of n draws with probability p
/// has mean np and variance np(1 − p); bounds are 5 standard deviations, so a correct sampler fails with odds below
/// 1e-6 per check), the exact rules (no repeats without replacement, zero weights never drawn), determinism, errors.
/// </summary>
public class SamplingTests
{
    private static void WithinFiveSigma(int n, double p, long count, string what)
    {
        double sigma = Math.Sqrt(n * p * (1 - p));
        Assert.True(Math.Abs(count - n * p) <= 5 * sigma, $"{what}: {count} of {n}, expected {n * p} ± {5 * sigma:F1}");
    }

    [Fact]
    public void MultinomialWithReplacementDrawsInProportionToTheWeights()
    {
        const int n = 20000;
        var weights = Tensor.From(new[] { 1.0, 0, 3, 6 }); // probabilities 0.1, 0, 0.3, 0.6
        var counts = weights.Multinomial(n, replacement: true, new Generator(7)).Bincount(minlength: 4).ToArray<long>();
        Assert.Equal(0, counts[1]);
        WithinFiveSigma(n, 0.1, counts[0], "category 0");
        WithinFiveSigma(n, 0.3, counts[2], "category 2");
        WithinFiveSigma(n, 0.6, counts[3], "category 3");
    }

    [Fact]
    public void MultinomialWithoutReplacementNeverRepeatsAndFavoursHeavyCategories()
    {
        var rows = Tensor.From(new[,] { { 1.0, 1, 1, 1, 1 }, { 0.0, 5, 1, 0, 2 } });
        var g = new Generator(3);
        int firstIsHeavy = 0;
        const int trials = 2000;
        for (int t = 0; t < trials; t++)
        {
            var s = rows.Multinomial(3, generator: g);
            Assert.Equal([2, 3], s.Shape);
            var row1 = s[1].ToArray<long>();
            Assert.Equal(3, s[0].ToArray<long>().Distinct().Count());
            Assert.Equal(new long[] { 1, 2, 4 }, row1.Order().ToArray()); // all three nonzero categories, each once
            if (row1[0] == 1) firstIsHeavy++;
        }
        WithinFiveSigma(trials, 5.0 / 8, firstIsHeavy, "first draw of row 1 is category 1");
    }

    [Fact]
    public void BernoulliFrequenciesMatchTheProbabilities()
    {
        const int n = 10000;
        var p = Tensor.From(new[] { 0.0, 0.2, 0.5, 1.0 }).Unsqueeze(0).Expand(n, 4);
        var draws = p.Bernoulli(new Generator(11));
        Assert.Equal(DType.Float64, draws.DType);
        var ones = draws.Sum(0).ToArray<double>();
        Assert.Equal(0, ones[0]);
        Assert.Equal(n, ones[3]);
        WithinFiveSigma(n, 0.2, (long)ones[1], "p = 0.2");
        WithinFiveSigma(n, 0.5, (long)ones[2], "p = 0.5");
        var fixedP = Tensor.Zeros([n], DType.Float32).Bernoulli(0.3, new Generator(12));
        Assert.Equal(DType.Float32, fixedP.DType);
        WithinFiveSigma(n, 0.3, (long)fixedP.Sum().Item(), "Bernoulli(0.3)");
    }

    [Fact]
    public void TheSameSeedGivesTheSameSamplesAtAnyThreadCount()
    {
        var weights = Tensor.Rand([3, 50], DType.Float64, new Generator(1));
        var (one, two) = ThreadCounts.OneAndTwo(() => (weights.Multinomial(20, false, new Generator(5)), weights.Bernoulli(new Generator(5))));
        Assert.Equal(one.Item1.ToArray<long>(), two.Item1.ToArray<long>());
        Assert.Equal(one.Item2.ToArray<double>(), two.Item2.ToArray<double>());
        Assert.NotEqual(weights.Multinomial(20, false, new Generator(5)).ToArray<long>(), weights.Multinomial(20, false, new Generator(6)).ToArray<long>());
    }

    [Fact]
    public void BadWeightsAndCountsAreRejectedWithPyTorchsReasons()
    {
        static string Error(Func<Tensor> f) => Assert.Throws<ArgumentException>(f).Message;
        Assert.Contains("element < 0", Error(() => Tensor.From(new[] { 1.0, -1 }).Multinomial(1)));
        Assert.Contains("NaN", Error(() => Tensor.From(new[] { 1.0, double.NaN }).Multinomial(1)));
        Assert.Contains("inf", Error(() => Tensor.From(new[] { 1.0, double.PositiveInfinity }).Multinomial(1)));
        Assert.Contains("sum of probabilities <= 0", Error(() => Tensor.From(new[,] { { 1.0, 1 }, { 0, 0 } }).Multinomial(1)));
        Assert.Contains("n_sample > prob_dist.size(-1)", Error(() => Tensor.From(new[] { 1.0, 1 }).Multinomial(3)));
        Assert.Contains("too few", Error(() => Tensor.From(new[] { 1.0, 0 }).Multinomial(2)));
        Assert.Contains("[0, 1]", Error(() => Tensor.From(new[] { 1.5 }).Bernoulli()));
        Assert.Contains("[0, 1]", Error(() => Tensor.Zeros(2).Bernoulli(-0.1)));
    }
}

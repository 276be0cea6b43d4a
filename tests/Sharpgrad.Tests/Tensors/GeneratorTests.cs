namespace Sharpgrad.Tests.Tensors;

/// <summary>The seedable RNG: reproducible streams, correct distributions, resumable state.</summary>
public class GeneratorTests
{
    [Fact]
    public void SameSeedGivesTheSameStream()
    {
        var a = new Generator(42);
        var b = new Generator(42);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.Equal(Tensor.Randn([50], DType.Float64, new Generator(7)).ToArray<double>(),
                     Tensor.Randn([50], DType.Float64, new Generator(7)).ToArray<double>());
    }

    [Fact]
    public void DifferentSeedsGiveDifferentStreams()
    {
        var a = Tensor.Rand([20], DType.Float64, new Generator(1)).ToArray<double>();
        var b = Tensor.Rand([20], DType.Float64, new Generator(2)).ToArray<double>();
        Assert.True(a.Zip(b).Count(p => p.First == p.Second) == 0);
    }

    [Fact]
    public void RandnHasMeanZeroAndVarianceOne()
    {
        // Within 4 standard errors: SE(mean) = 1/√n, SE(variance) = √(2/(n−1)) for a normal sample.
        const int n = 100_000;
        var x = Tensor.Randn([n], DType.Float64, new Generator(3));
        double mean = x.Mean().Item(), variance = x.Var().Item();
        Assert.InRange(mean, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - 4 * Math.Sqrt(2.0 / (n - 1)), 1 + 4 * Math.Sqrt(2.0 / (n - 1)));
        // The tails of a normal: P(|x| > 2) ≈ 0.0455, binomial SE √(p(1−p)/n).
        double tail = x.Abs().Gt(2).Sum().Item() / n;
        Assert.InRange(tail, 0.0455 - 4 * Math.Sqrt(0.0455 * 0.9545 / n), 0.0455 + 4 * Math.Sqrt(0.0455 * 0.9545 / n));
    }

    [Fact]
    public void RandIsUniformOnTheUnitInterval()
    {
        // Mean 1/2 and variance 1/12, within 4 standard errors.
        const int n = 100_000;
        var u = Tensor.Rand([n], DType.Float64, new Generator(4));
        Assert.InRange(u.Mean().Item(), 0.5 - 4 * Math.Sqrt(1.0 / 12 / n), 0.5 + 4 * Math.Sqrt(1.0 / 12 / n));
        Assert.InRange(u.Var().Item(), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
        Assert.True(u.Ge(0).All() && u.Lt(1).All());
    }

    [Fact]
    public void PermutationIsAPermutation()
    {
        var g = new Generator(9);
        foreach (var n in new[] { 0, 1, 2, 17, 1000 })
            Assert.Equal(Enumerable.Range(0, n), g.Permutation(n).Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), g.Permutation(1000));
    }

    [Fact]
    public void NextInt64StaysInBoundsAndCoversThem()
    {
        var g = new Generator(11);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++) counts[g.NextInt64(6)]++;
        // Each face has p = 1/6: expected 10000, SE √(60000·(1/6)(5/6)) ≈ 91.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 4 * 91, 10_000 + 4 * 91));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.NextInt64(0));
        var ints = Tensor.RandInt(10, 13, [1000], g).ToArray<long>();
        Assert.All(ints, v => Assert.InRange(v, 10, 12));
    }

    [Fact]
    public void StateRoundTripResumesTheStream()
    {
        var g = new Generator(5);
        g.NextNormal(); // leaves a spare normal in the state
        var state = g.GetState();
        var expected = Enumerable.Range(0, 5).Select(_ => g.NextNormal()).ToArray();
        var resumed = new Generator(0);
        resumed.SetState(state);
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => resumed.NextNormal()).ToArray());
        Assert.Throws<ArgumentException>(() => resumed.SetState([1, 2]));
    }

    [Fact]
    public void ReseedingRestartsTheStream()
    {
        var g = new Generator(8);
        var first = g.NextDouble();
        g.Seed(8);
        Assert.Equal(first, g.NextDouble());
        Assert.Equal(8, g.InitialSeed);
    }
}

using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>Initialisers (GBC §8.4): each sample variance within 4 standard errors of the theoretical one.</summary>
public class InitTests
{
    // fan_in = 300·2·2 = 1200, fan_out = 200·2·2 = 800: a conv-shaped weight, so receptive fields count.
    private static Tensor Weight() => Tensor.Zeros(200, 300, 2, 2);
    private const int FanIn = 1200, FanOut = 800;

    private enum Shape { Uniform, Normal }

    /// <summary>Sample mean ≈ 0 and sample variance ≈ σ², with the standard error √((μ₄ − σ⁴)/n) of the variance.</summary>
    private static void AssertVariance(Tensor t, double variance, Shape shape)
    {
        var v = t.ToDoubleArray();
        int n = v.Length;
        double mean = v.Average(), sample = v.Select(x => (x - mean) * (x - mean)).Average();
        // μ₄ = 3σ⁴ for a Gaussian, 9σ⁴/5 for a uniform.
        double excess = shape == Shape.Normal ? 2 : 9.0 / 5 - 1;
        double se = Math.Sqrt(excess / n) * variance;
        Assert.InRange(sample, variance - 4 * se, variance + 4 * se);
        Assert.InRange(mean, -4 * Math.Sqrt(variance / n), 4 * Math.Sqrt(variance / n));
        if (shape == Shape.Uniform)
        {
            double bound = Math.Sqrt(3 * variance);
            Assert.True(v.Max() <= bound && v.Min() >= -bound, "uniform samples exceed their bound");
        }
    }

    [Fact]
    public void FansCountTheReceptiveField()
    {
        Assert.Equal((FanIn, FanOut), Init.FanInAndFanOut(Weight()));
        Assert.Equal((3, 5), Init.FanInAndFanOut(Tensor.Zeros(5, 3)));
        var error = Assert.Throws<ArgumentException>(() => Init.FanInAndFanOut(Tensor.Zeros(5)));
        Assert.Contains("fewer than 2 dimensions, got shape [5]", error.Message);
    }

    [Fact]
    public void GainsFollowTorchCalculateGain()
    {
        Assert.Equal(1, Init.CalculateGain(Nonlinearity.Linear));
        Assert.Equal(1, Init.CalculateGain(Nonlinearity.Sigmoid));
        Assert.Equal(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2), Init.CalculateGain(Nonlinearity.ReLU));
        Assert.Equal(Math.Sqrt(2 / 1.0001), Init.CalculateGain(Nonlinearity.LeakyReLU), 15);
        Assert.Equal(Math.Sqrt(2 / 1.04), Init.CalculateGain(Nonlinearity.LeakyReLU, 0.2), 15);
        Assert.Equal(0.75, Init.CalculateGain(Nonlinearity.SELU));
    }

    [Fact]
    public void XavierKeepsVarianceTwoOverFanInPlusFanOut()
    {
        var g = new Generator(1);
        AssertVariance(Init.XavierUniform(Weight(), generator: g), 2.0 / (FanIn + FanOut), Shape.Uniform);
        AssertVariance(Init.XavierNormal(Weight(), generator: g), 2.0 / (FanIn + FanOut), Shape.Normal);
        AssertVariance(Init.XavierUniform(Weight(), gain: 3, generator: g), 9 * 2.0 / (FanIn + FanOut), Shape.Uniform);
    }

    [Fact]
    public void HeKeepsVarianceTwoOverFan()
    {
        var g = new Generator(2);
        AssertVariance(Init.KaimingUniform(Weight(), generator: g), 2.0 / FanIn, Shape.Uniform);
        AssertVariance(Init.KaimingNormal(Weight(), generator: g), 2.0 / FanIn, Shape.Normal);
        AssertVariance(Init.KaimingNormal(Weight(), mode: FanMode.FanOut, nonlinearity: Nonlinearity.ReLU, generator: g), 2.0 / FanOut, Shape.Normal);
        AssertVariance(Init.KaimingUniform(Weight(), a: 1, generator: g), 1.0 / FanIn, Shape.Uniform);   // gain² = 2/(1+1)
        AssertVariance(Init.KaimingUniform(Weight(), a: Math.Sqrt(5), generator: g), 1.0 / (3 * FanIn), Shape.Uniform); // Linear's default
    }

    [Fact]
    public void LeCunKeepsVarianceOneOverFanIn()
    {
        var g = new Generator(3);
        AssertVariance(Init.LeCunUniform(Weight(), g), 1.0 / FanIn, Shape.Uniform);
        AssertVariance(Init.LeCunNormal(Weight(), g), 1.0 / FanIn, Shape.Normal);
    }

    [Fact]
    public void PlainDistributionsAndConstants()
    {
        var g = new Generator(4);
        var u = Init.Uniform(Tensor.Zeros(100_000), 2, 6, g);
        AssertVariance(u - 4, 16.0 / 12, Shape.Uniform);              // U(2, 6): mean 4, variance (b − a)²/12
        var z = Init.Normal(Tensor.Zeros([100_000], DType.Float64), 3, 0.5, g);
        AssertVariance(z - 3, 0.25, Shape.Normal);
        Assert.All(Init.Constant(Tensor.Zeros(3), 2.5).ToArray<float>(), v => Assert.Equal(2.5f, v));
        Assert.All(Init.Ones(Tensor.Zeros(3)).ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.All(Init.Zeros(Tensor.Ones(3)).ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void InitialisersWriteParametersInPlaceAndReturnThem()
    {
        var linear = new Linear(3, 2);
        Assert.Same(linear.Weight, Init.XavierNormal(linear.Weight));   // a parameter that requires grad: NoGrad inside
        Assert.Same(linear.Bias, Init.Zeros(linear.Bias!));
        Assert.All(linear.Bias!.ToArray<float>(), b => Assert.Equal(0f, b));
        Assert.True(linear.Weight.RequiresGrad && linear.Weight.IsLeaf);
    }

    [Fact]
    public void SameSeedSameValues()
    {
        var a = Init.KaimingNormal(Tensor.Zeros(4, 5), generator: new Generator(8)).ToArray<float>();
        var b = Init.KaimingNormal(Tensor.Zeros(4, 5), generator: new Generator(8)).ToArray<float>();
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(new[] { 6, 4 }, 1.0)]
    [InlineData(new[] { 6, 4 }, 2.0)]
    [InlineData(new[] { 3, 5 }, 1.5)]
    [InlineData(new[] { 4, 2, 3 }, 1.0)]
    [InlineData(new[] { 5, 5 }, 0.5)]
    public void OrthogonalGivesOrthonormalColumnsOrRowsTimesGain(int[] shape, double gain)
    {
        var w = Init.Orthogonal(Tensor.Zeros(shape, DType.Float64), gain, new Generator(5));
        var m = w.Reshape(shape[0], -1);
        // Tall (rows ≥ cols): WᵀW = gain²·I; wide: WWᵀ = gain²·I.
        var gram = m.Size(0) >= m.Size(1) ? m.T.MatMul(m) : m.MatMul(m.T);
        Assert.True(gram.AllClose(Tensor.Eye(gram.Size(0), dtype: DType.Float64) * (gain * gain), rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void OrthogonalInFloat32IsOrthogonalToFloatPrecision()
    {
        var w = Init.Orthogonal(Tensor.Zeros(64, 32), 1, new Generator(6));
        Assert.True(w.T.MatMul(w).AllClose(Tensor.Eye(32), rtol: 0, atol: 1e-5));
        Assert.Contains("2 or more dimensions", Assert.Throws<ArgumentException>(() => Init.Orthogonal(Tensor.Zeros(3))).Message);
    }

    [Fact]
    public void SparseZeroesTheSameFractionOfEveryColumn()
    {
        var w = Init.Sparse(Tensor.Zeros(10, 6), sparsity: 0.25, std: 1, generator: new Generator(7));
        var values = w.ToArray<float>();
        for (int j = 0; j < 6; j++)
            Assert.Equal(3, Enumerable.Range(0, 10).Count(i => values[i * 6 + j] == 0));   // ⌈0.25 · 10⌉
    }

    [Fact]
    public void RandomInitRejectsIntegerTensors()
    {
        var error = Assert.Throws<ArgumentException>(() => Init.Normal(Tensor.Zeros([3], DType.Int64)));
        Assert.Contains("Init.Normal: the tensor must be float32 or float64, got int64", error.Message);
    }
}

using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>
/// RSample gradients (GBC §20.9): the average of per-sample pathwise gradients must match the derivative of a known
/// expectation within 4 standard errors. Per-sample gradients come from a batch of n identical distributions, whose
/// n parameter copies each receive the gradient of their own sample.
/// </summary>
public class ReparameterizationTests
{
    private const int N = 20_000;

    private static Tensor Copies(double value) => Tensor.Full([N], value, DType.Float64).RequireGrad();

    /// <summary>Asserts that the per-copy gradients of <paramref name="parameter"/> average to <paramref name="expected"/>.</summary>
    private static void GradientMatches(Tensor parameter, double expected, string what) =>
        WithinStandardErrors(parameter.Grad!, F64(expected), what);

    [Fact]
    public void NormalGradientOfExpectedSquareIsTwoMuTwoSigma()
    {
        // E[x²] = μ² + σ², so ∇(μ, σ) = (2μ, 2σ). Here the parameters are shared scalars, as in a VAE.
        double mu = 0.7, sigma = 1.3;
        var loc = F64(mu).RequireGrad();
        var scale = F64(sigma).RequireGrad();
        var x = new Normal(loc, scale).RSample([N], new Generator(0));
        x.Square().Mean().Backward();
        // Per-sample gradients are 2x and 2xε with ε = (x − μ)/σ; their spread sets the Monte Carlo error.
        var xs = x.Detach();
        var perSampleMu = 2 * xs;
        var perSampleSigma = 2 * xs * (xs - mu) / sigma;
        Close(perSampleMu.Mean().Item(), loc.Grad!.Item(), 1e-9, "autograd vs per-sample");
        WithinStandardErrors(perSampleMu, F64(2 * mu), "∂E[x²]/∂μ");
        WithinStandardErrors(perSampleSigma, F64(2 * sigma), "∂E[x²]/∂σ");
        Assert.Equal(perSampleSigma.Mean().Item(), scale.Grad!.Item(), 9);
    }

    [Theory]
    [InlineData(0.4)]   // α < 1: the boosted sampler, series branch of the implicit gradient near 0
    [InlineData(3.0)]
    [InlineData(30.0)]  // both the series and the continued-fraction branches are hit
    public void GammaImplicitReparameterisation(double alpha)
    {
        const double beta = 2;
        // E[x] = α/β: ∂/∂α = 1/β and ∂/∂β = −α/β².
        var concentration = Copies(alpha);
        var rate = Copies(beta);
        new Gamma(concentration, rate).RSample(null, new Generator(1)).Sum().Backward();
        GradientMatches(concentration, 1 / beta, "∂E[x]/∂α");
        GradientMatches(rate, -alpha / (beta * beta), "∂E[x]/∂β");

        // E[log x] = ψ(α) − log β: ∂/∂α = ψ′(α), the trigamma function.
        concentration = Copies(alpha);
        new Gamma(concentration, F64(beta)).RSample(null, new Generator(2)).Log().Sum().Backward();
        GradientMatches(concentration, F64(alpha).Trigamma().Item(), "∂E[log x]/∂α");
    }

    [Fact]
    public void BetaReparameterisedThroughTwoGammas()
    {
        // E[x] = α/(α+β): ∂/∂α = β/(α+β)², ∂/∂β = −α/(α+β)².
        double a = 2, b = 0.6;
        var c1 = Copies(a);
        var c0 = Copies(b);
        new Beta(c1, c0).RSample(null, new Generator(3)).Sum().Backward();
        GradientMatches(c1, b / Math.Pow(a + b, 2), "∂E[x]/∂α");
        GradientMatches(c0, -a / Math.Pow(a + b, 2), "∂E[x]/∂β");
    }

    [Fact]
    public void DirichletReparameterised()
    {
        // E[x₀] = α₀/Σα: ∂/∂αⱼ = (δ₀ⱼ Σα − α₀)/(Σα)².
        double[] alpha = [1.5, 0.5, 2];
        double total = alpha.Sum();
        var concentration = Tensor.FromArray(alpha).Expand(N, 3).Contiguous().RequireGrad();
        new Dirichlet(concentration).RSample(null, new Generator(4))[.., 0].Sum().Backward();
        for (int j = 0; j < 3; j++)
            WithinStandardErrors(concentration.Grad![.., j], F64(((j == 0 ? total : 0) - alpha[0]) / (total * total)), $"∂E[x₀]/∂α{j}");
    }

    [Fact]
    public void StudentTReparameterised()
    {
        // With loc 0, E[x²] = σ²ν/(ν − 2): ∂/∂σ = 2σν/(ν − 2), ∂/∂ν = −2σ²/(ν − 2)².
        double nu = 10, sigma = 1.5;
        var df = Copies(nu);
        var scale = Copies(sigma);
        new StudentT(df, F64(0), scale).RSample(null, new Generator(5)).Square().Sum().Backward();
        GradientMatches(scale, 2 * sigma * nu / (nu - 2), "∂E[x²]/∂σ");
        GradientMatches(df, -2 * sigma * sigma / Math.Pow(nu - 2, 2), "∂E[x²]/∂ν");
    }

    [Fact]
    public void SimpleFamiliesReparameterised()
    {
        var rate = Copies(2);
        new Exponential(rate).RSample(null, new Generator(6)).Sum().Backward();
        GradientMatches(rate, -1 / 4.0, "Exponential ∂E[x]/∂λ");           // E[x] = 1/λ

        var high = Copies(3);
        new Uniform(F64(1), high).RSample(null, new Generator(7)).Sum().Backward();
        GradientMatches(high, 0.5, "Uniform ∂E[x]/∂high");                   // E[x] = (low + high)/2

        var scale = Copies(0.8);
        var x = new Laplace(F64(1), scale).RSample(null, new Generator(8));
        (x - 1).Abs().Sum().Backward();
        GradientMatches(scale, 1, "Laplace ∂E|x − μ|/∂b");                   // E|x − μ| = b
    }

    [Fact]
    public void DiracPassesGradientsToItsPoint()
    {
        var point = F64(1, 2).RequireGrad();
        new Dirac(point).RSample([3]).Square().Sum().Backward();
        Assert.Equal(new[] { 6.0, 12 }, point.Grad!.ToDoubleArray()); // 3 copies of 2x
    }

    [Fact]
    public void DiscreteDistributionsHaveNoRSample()
    {
        var bernoulli = new Bernoulli(probs: F64(0.5));
        Assert.False(bernoulli.HasRSample);
        var e = Assert.Throws<NotSupportedException>(() => bernoulli.RSample());
        Assert.Contains("Bernoulli.RSample", e.Message);
        Assert.Throws<NotSupportedException>(() => new Categorical(probs: F64(0.5, 0.5)).RSample());
        Assert.Throws<NotSupportedException>(() => new MixtureSameFamily(new Categorical(probs: F64(0.5, 0.5)), new Normal(F64(0, 1), F64(1, 1))).RSample());
    }

    [Fact]
    public void SampleRecordsNoGradient()
    {
        var loc = F64(0).RequireGrad();
        Assert.False(new Normal(loc, F64(1)).Sample([4]).RequiresGrad);
        Assert.True(new Normal(loc, F64(1)).RSample([4]).RequiresGrad);
        Assert.False(new Gamma(Copies(2), F64(1)).Sample().RequiresGrad);
    }

    [Fact]
    public void GammaSampleGradientIsFirstOrderOnly()
    {
        var alpha = F64(2.5).RequireGrad();
        var x = new Gamma(alpha, F64(1)).RSample([3], new Generator(9));
        var dx = Autograd.Grad([x.Sum()], [alpha], createGraph: true)[0];
        var e = Assert.Throws<NotSupportedException>(() => Autograd.Grad([dx], [alpha]));
        Assert.Contains("StandardGammaGrad", e.Message);
    }
}

using Sharpgrad.Generative;
using Sharpgrad.Optim;
using Sharpgrad.Probability;

namespace Sharpgrad.Tests.Generative;

/// <summary>Noise-contrastive estimation (GBC §18.6) of a 2-D Gaussian, whose log Z is known in closed form.</summary>
public class NceDensityModelTests
{
    [Fact]
    public void LearnedConstantApproachesMinusLogZ()
    {
        // Data: N(μ, Σ) with μ = (1, −2), Σ = LLᵀ, L = [[1.4, 0], [0.4, 0.6]]: log Z of e^{−½(x−μ)ᵀΣ⁻¹(x−μ)} is
        // log 2π + log det L = log 2π + log 0.84.
        const int n = 2000;
        var g = new Generator(71);
        var data = Tensor.Randn([n, 2], DType.Float64, g).MatMul(Tensor.From(new double[,] { { 1.4, 0.4 }, { 0, 0.6 } })) + Tensor.From(new[] { 1.0, -2.0 });
        double trueLogZ = Math.Log(2 * Math.PI) + Math.Log(1.4 * 0.6);

        // Noise: a broad Gaussian around the data (it must cover the data); ν = 2 noise samples per example, held fixed.
        var noise = new MultivariateNormal(Tensor.From(new[] { 0.5, -1.5 }), covarianceMatrix: Tensor.Eye(2, dtype: DType.Float64) * 4);
        var nce = new NceDensityModel(new GaussianEnergyModel(2, DType.Float64), noise, noiseRatio: 2);
        var noiseSamples = noise.Sample([2 * n], new Generator(72));
        var opt = new LBFGS(nce.Parameters(), maxIter: 200, lineSearch: LineSearch.StrongWolfe);
        opt.Step(() =>
        {
            opt.ZeroGrad();
            var loss = nce.Loss(data, noiseSamples);
            loss.Backward();
            return loss;
        });

        var model = (GaussianEnergyModel)nce.Unnormalised;
        double c = nce.LogNormaliser.Item();
        // NCE normalises the model itself: c ≈ −log Z(θ̂) of the learned parameters (a consistency property) …
        Assert.True(Math.Abs(c + model.LogPartition().Item()) < 0.05, $"c = {c:F4}, −log Z(θ̂) = {-model.LogPartition().Item():F4}");
        // … and, with 2,000 examples, close to the true −log Z and mean.
        Assert.True(Math.Abs(c + trueLogZ) < 0.1, $"c = {c:F4}, true −log Z = {-trueLogZ:F4}");
        Close.All([1.0, -2.0], model.Mean.ToArray<double>(), 0.1);
    }

    [Fact]
    public void LossMatchesTheHandComputedClassifierLoss()
    {
        // 1-D: log p̃(x) = −½x², c = 0, noise N(0, 2²), ν = 1, one data point x = 0 and one noise point x = 1.
        // G(x) = −½x² − log N(x; 0, 4): G(0) = log(2√(2π)), G(1) = −½ + ⅛ + log(2√(2π)); loss = ζ(−G(0)) + ζ(G(1)).
        var nce = new NceDensityModel(new GaussianEnergyModel(1, DType.Float64),
            new MultivariateNormal(Tensor.From(new[] { 0.0 }), covarianceMatrix: Tensor.From(new double[,] { { 4 } })));
        double log2Sqrt2Pi = Math.Log(2 * Math.Sqrt(2 * Math.PI));
        static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        double expected = Softplus(-log2Sqrt2Pi) + Softplus(-0.5 + 0.125 + log2Sqrt2Pi);
        var loss = nce.Loss(Tensor.From(new[] { 0.0 }).Reshape(1, 1), Tensor.From(new[] { 1.0 }).Reshape(1, 1));
        Assert.Equal(expected, loss.Item(), 12);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var nce = new NceDensityModel(new GaussianEnergyModel(2, DType.Float64),
            new MultivariateNormal(Tensor.Zeros([2], DType.Float64), covarianceMatrix: Tensor.Eye(2, dtype: DType.Float64)));
        var error = Assert.Throws<ArgumentException>(() => nce.Loss(Tensor.Zeros([3, 5], DType.Float64), new Generator(1)));
        Assert.Contains("NceDensityModel", error.Message);
        Assert.Contains("[3, 5]", error.Message);
    }
}

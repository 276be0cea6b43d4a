using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Probability;

namespace Sharpgrad.Tests.Generative;

/// <summary>The VAE's bounds (Kingma &amp; Welling 2014; Burda et al. 2016) checked against formulas written independently here.</summary>
public class VaeTests
{
    private const int Inputs = 6, Latent = 2;

    private static Vae SmallVae(IDecoderLikelihood likelihood, int seed = 0)
    {
        var g = new Generator(seed);
        return new Vae(
            new Sequential(new Linear(Inputs, 5, dtype: DType.Float64, generator: g), new Tanh(), new Linear(5, 2 * Latent, dtype: DType.Float64, generator: g)),
            new Sequential(new Linear(Latent, 5, dtype: DType.Float64, generator: g), new Tanh(), new Linear(5, Inputs, dtype: DType.Float64, generator: g)),
            Latent, likelihood, new Generator(seed + 100));
    }

    private static Tensor BinaryData(int n, int seed) => Tensor.Rand([n, Inputs], DType.Float64, new Generator(seed)).Lt(0.5).Double();

    [Fact]
    public void AnalyticKlMatchesTheClosedFormByHandAndTheNormalDistributions()
    {
        // μ = (1, 0), σ² = (1, 4): ½[(1 + 1 − 1 − 0) + (0 + 4 − 1 − log 4)] = 2 − log 2
        var kl = Vae.KlToStandardNormal(Tensor.From(new double[,] { { 1, 0 } }), Tensor.From(new double[,] { { 0, Math.Log(4) } }));
        Assert.Equal(2 - Math.Log(2), kl.Item(), 14);

        var mean = Tensor.Randn([3, 4], DType.Float64, new Generator(1));
        var logVar = Tensor.Randn([3, 4], DType.Float64, new Generator(2));
        var viaDistributions = KL.Divergence(new Normal(mean, (logVar * 0.5).Exp()), new Normal(0.0, 1.0)).Sum(1);
        Close.All(viaDistributions.ToArray<double>(), Vae.KlToStandardNormal(mean, logVar).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void IwaeWithOneSampleEqualsTheMonteCarloElboForTheSameNoise()
    {
        var vae = SmallVae(new BernoulliDecoder());
        var x = BinaryData(4, 3);
        var noise = Tensor.Randn([4, Latent], DType.Float64, new Generator(4));
        var iwae = vae.Iwae(x, noise.Unsqueeze(0));

        // log p(x | z) + log p(z) − log q(z | x), each from the distributions library
        var (mean, logVar) = vae.Encode(x);
        var std = (logVar * 0.5).Exp();
        var z = mean + std * noise;
        var logits = vae.Decode(z);
        var logPx = new Sharpgrad.Probability.Bernoulli(logits: logits).LogProb(x).Sum(1);
        var logPz = new Normal(0.0, 1.0).LogProb(z).Sum(1);
        var logQz = new Normal(mean, std).LogProb(z).Sum(1);
        var elbo = logPx + logPz - logQz;
        Close.All(elbo.ToArray<double>(), iwae.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void TheAnalyticElboIsTheMonteCarloElboInExpectation()
    {
        var vae = SmallVae(new BernoulliDecoder(), seed: 5);
        var x = BinaryData(3, 6);
        const int samples = 4000;
        // Each of the 4000 noise draws is one more copy of the batch, so both estimators run once over 12000 rows.
        var repeated = x.Unsqueeze(0).Expand(samples, 3, Inputs).Reshape(samples * 3, Inputs);
        var noise = Tensor.Randn([samples * 3, Latent], DType.Float64, new Generator(7));
        var monteCarlo = vae.Iwae(repeated, noise.Unsqueeze(0));
        var analytic = vae.Elbo(repeated, noise);
        // Same noise, same reconstruction term: the two differ only by the Monte Carlo KL's error, whose mean must be 0.
        var difference = (monteCarlo - analytic).Reshape(samples, 3).Sum(1).ToArray<double>();
        double mean = difference.Average();
        double se = Math.Sqrt(difference.Select(v => (v - mean) * (v - mean)).Sum() / (samples - 1) / samples);
        Assert.True(se < 0.05, $"the test needs a tight standard error, got {se}");
        Assert.True(Math.Abs(mean) < 4 * se, $"Monte Carlo minus analytic-KL ELBO: {mean:F4} (se {se:F4})");
    }

    [Fact]
    public void IwaeIsAtLeastTheMeanOfItsOneSampleBounds()
    {
        // log (1/K) Σ wₖ ≥ (1/K) Σ log wₖ (Jensen), example by example, for the same K noise draws.
        var vae = SmallVae(new BernoulliDecoder(), seed: 8);
        var x = BinaryData(5, 9);
        var noise = Tensor.Randn([10, 5, Latent], DType.Float64, new Generator(10));
        var iwae = vae.Iwae(x, noise).ToArray<double>();
        var singles = Enumerable.Range(0, 10).Select(k => vae.Iwae(x, noise.Narrow(0, k, 1)).ToArray<double>()).ToArray();
        for (int n = 0; n < 5; n++)
            Assert.True(iwae[n] >= singles.Average(s => s[n]) - 1e-12, $"example {n}: IWAE {iwae[n]} below mean ELBO {singles.Average(s => s[n])}");
    }

    [Fact]
    public void DecoderLikelihoodsMatchTheirDistributions()
    {
        var output = Tensor.From(new double[,] { { 0.3, -1.2, 2 } });
        var x = Tensor.From(new double[,] { { 1, 0, 1 } });
        var bernoulli = new Sharpgrad.Probability.Bernoulli(logits: output).LogProb(x).Sum().Item();
        Assert.Equal(bernoulli, new BernoulliDecoder().LogLikelihood(output, x).Item(), 13);
        var gaussian = new Normal(output, Tensor.FullLike(output, 0.5)).LogProb(x).Sum().Item();
        Assert.Equal(gaussian, new GaussianDecoder(0.5).LogLikelihood(output, x).Item(), 13);
        // logits of 0 give each pixel probability ½
        Assert.Equal(3 * Math.Log(0.5), new BernoulliDecoder().LogLikelihood(Tensor.Zeros([1, 3], DType.Float64), x).Item(), 14);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var vae = new Vae(new Linear(6, 3), new Linear(2, 6), Latent, new BernoulliDecoder());
        var encoderError = Assert.Throws<ArgumentException>(() => vae.Loss(Tensor.Zeros(2, 6)));
        Assert.Contains("[2, 4]", encoderError.Message);
        Assert.Contains("[2, 3]", encoderError.Message);
        var mismatched = new Vae(new Linear(6, 4), new Linear(2, 5), Latent, new BernoulliDecoder());
        var decoderError = Assert.Throws<ArgumentException>(() => mismatched.Loss(Tensor.Zeros(2, 6)));
        Assert.Contains("Vae", decoderError.Message);
        Assert.Contains("[2, 5]", decoderError.Message);
    }

    [Fact]
    public void TrainingRaisesTheElbo()
    {
        var vae = SmallVae(new BernoulliDecoder(), seed: 11);
        var x = Tensor.Cat([BinaryData(1, 12).Expand(20, Inputs), BinaryData(1, 13).Expand(20, Inputs)]);
        var noise = Tensor.Randn([40, Latent], DType.Float64, new Generator(14));
        double before = vae.Elbo(x, noise).Mean().Item();
        var opt = new Sharpgrad.Optim.Adam(vae.Parameters(), lr: 0.02);
        for (int step = 0; step < 150; step++)
        {
            var loss = vae.Loss(x);
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        }
        double after = vae.Elbo(x, noise).Mean().Item();
        Assert.True(after > before + 1, $"ELBO {before:F3} → {after:F3}");
    }
}

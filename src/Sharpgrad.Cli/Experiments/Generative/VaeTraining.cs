using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>What <see cref="VaeTraining"/> reports: ELBO per epoch, test bounds for each K, samples and the latent manifold.</summary>
public sealed record VaeResult(string Data, double[] TrainElbo, double[] TestElbo, int[] IwaeSamples, double[] TestIwae, Tensor Samples,
    Tensor Manifold, int ManifoldSide, int Height, int Width);

/// <summary>
/// Kingma &amp; Welling's MLP VAE (their §5: one hidden layer, a 2-D latent space for the manifold figure, Bernoulli pixels)
/// on binarised images, trained with Adam on the negative ELBO. Afterwards the test set's IWAE bound for K = 1, 5, 50
/// (Burda et al. 2016) with fixed noise: K = 1 is the ELBO, and the bound tightens as K grows. The manifold decodes a
/// grid of codes at the standard normal's quantiles (their Fig. 4).
/// </summary>
public static class VaeTraining
{
    public const int Latent = 2;
    public static readonly int[] IwaeSampleCounts = [1, 5, 50];

    public static VaeResult Run(bool quick, long seed = 0)
    {
        var data = GenerativeData.Load(quick, trainCount: 20000, testCount: 1000, seed: seed).Binarised();
        int d = data.Train.Size(1), hidden = quick ? 32 : 400, epochs = quick ? 12 : 15, batch = 100;
        var g = new Generator(seed);
        var vae = new Vae(
            new Sequential(new Linear(d, hidden, generator: g), new ReLU(), new Linear(hidden, 2 * Latent, generator: g)),
            new Sequential(new Linear(Latent, hidden, generator: g), new ReLU(), new Linear(hidden, d, generator: g)),
            Latent, new BernoulliDecoder(), new Generator(seed + 1));
        var train = data.Train.Float();
        var test = data.Test.Float();
        var opt = new Adam(vae.Parameters(), lr: 1e-3);
        var trainElbo = new List<double>();
        var testElbo = new List<double>();
        var evalNoise = new Generator(seed + 2);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double sum = 0;
            int batches = 0;
            foreach (var x in GenerativeData.Batches(train, batch, g))
            {
                var loss = vae.Loss(x);
                opt.ZeroGrad();
                loss.Backward();
                opt.Step();
                sum -= loss.Item();
                batches++;
            }
            trainElbo.Add(sum / batches);
            using (Autograd.NoGrad())
                testElbo.Add(vae.Elbo(test, Tensor.Randn([test.Size(0), Latent], DType.Float32, evalNoise)).Mean().Item());
        }
        var iwae = new double[IwaeSampleCounts.Length];
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < IwaeSampleCounts.Length; i++)
                iwae[i] = vae.Iwae(test, Tensor.Randn([IwaeSampleCounts[i], test.Size(0), Latent], DType.Float32, new Generator(seed + 3))).Mean().Item();
            var samples = vae.Sample(64, new Generator(seed + 4)).Reshape(64, data.Height, data.Width);
            const int side = 15;
            // Φ⁻¹(p) = √2·erfinv(2p − 1) at p = (k + ½)/side
            var quantiles = (Tensor.From(Enumerable.Range(0, side).Select(k => 2 * (k + 0.5) / side - 1).ToArray()).Erfinv() * Math.Sqrt(2)).ToArray<double>();
            var codes = Tensor.From(quantiles.SelectMany(y => quantiles.SelectMany(x => new[] { x, -y })).Select(v => (float)v).ToArray()).Reshape(side * side, Latent);
            var manifold = vae.Likelihood.Mean(vae.Decode(codes)).Reshape(side * side, data.Height, data.Width);
            return new VaeResult(data.Name, [.. trainElbo], [.. testElbo], IwaeSampleCounts, iwae, samples, manifold, side, data.Height, data.Width);
        }
    }
}

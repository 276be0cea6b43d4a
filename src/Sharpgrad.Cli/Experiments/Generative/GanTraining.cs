using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The generator's samples from fixed noise after <paramref name="Epoch"/> epochs.</summary>
public sealed record GanSnapshot(int Epoch, Tensor Samples);

/// <summary>One DCGAN training run: the losses at every step and the sample snapshots.</summary>
public sealed record GanRun(GanLoss Loss, double[] DiscriminatorLoss, double[] GeneratorLoss, IReadOnlyList<GanSnapshot> Snapshots);

/// <summary>
/// What <see cref="GanTraining"/> reports. Early in training (a discriminator that has learned to reject the untrained
/// generator's samples) the generator's gradient norm under each loss, and D(G(z)) at that point; then one training run per loss.
/// </summary>
public sealed record GanResult(string Data, int Features, int Epochs, double EarlyFakeProbability, double MinimaxGradientNorm,
    double NonSaturatingGradientNorm, IReadOnlyList<GanRun> Runs)
{
    public double GradientRatio => MinimaxGradientNorm / NonSaturatingGradientNorm;
}

/// <summary>
/// DCGAN (Radford et al. 2016; GBC §20.10.4) on 28×28 images in [−1, 1], Adam 2·10⁻⁴ with β₁ = ½ for both networks, one
/// discriminator step per generator step. GBC §20.10.4: with the minimax loss log(1 − D(G(z))) the generator's
/// gradient vanishes when the discriminator rejects its samples confidently, which is exactly the situation early in
/// training; the non-saturating loss −log D(G(z)) has the same fixed point but a strong gradient there. Per sample the
/// gradients w.r.t. the logit are D and 1 − D, so their ratio is about D(G(z)). Measured on one batch after training
/// the discriminator alone (Adam 10⁻³) against the untrained generator, then both losses train a DCGAN from the same start.
/// The quick mode upsamples 128 of the 8×8 digits ×3 (nearest) and pads them to 28×28.
/// </summary>
public static class GanTraining
{
    public const int SampleCount = 64, QuickImages = 128;

    public static GanResult Run(bool quick, long seed = 0)
    {
        var (name, images) = Images(quick, seed);
        int features = quick ? 8 : 32, latent = quick ? 16 : 64, epochs = quick ? 2 : 6, batch = quick ? 16 : 64;
        int warmup = quick ? 15 : 100, snapshotEvery = quick ? 1 : 2;
        var early = EarlyGradients(images, features, latent, batch, warmup, seed);
        var runs = new List<GanRun>();
        foreach (var loss in new[] { GanLoss.Minimax, GanLoss.NonSaturating })
        {
            var (generator, discriminator) = Networks(features, latent, seed);
            var trainer = new GanTrainer(generator, discriminator, DcganAdam(generator, 2e-4), DcganAdam(discriminator, 2e-4), [latent, 1, 1], loss, new Generator(seed + 1));
            var fixedNoise = Tensor.Randn([SampleCount, latent, 1, 1], DType.Float32, new Generator(seed + 2));
            var (dLosses, gLosses, snapshots) = (new List<double>(), new List<double>(), new List<GanSnapshot> { Snapshot(generator, fixedNoise, 0) });
            var order = new Generator(seed + 3);
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                foreach (var real in GenerativeData.Batches(images, batch, order))
                {
                    var (d, g) = trainer.Step(real);
                    dLosses.Add(d);
                    gLosses.Add(g);
                }
                if (epoch % snapshotEvery == 0 || epoch == epochs) snapshots.Add(Snapshot(generator, fixedNoise, epoch));
            }
            runs.Add(new GanRun(loss, [.. dLosses], [.. gLosses], snapshots));
        }
        return new GanResult(name, features, epochs, early.FakeProbability, early.Minimax, early.NonSaturating, runs);
    }

    /// <summary>Images [N, 1, 28, 28] in [−1, 1]: Fashion-MNIST's first 10000, or 128 digits upsampled in quick mode.</summary>
    public static (string Name, Tensor Images) Images(bool quick, long seed = 0)
    {
        var data = GenerativeData.Load(quick, trainCount: 10000, testCount: 1, seed: seed);
        int count = quick ? QuickImages : data.Train.Size(0);
        var x = data.Train.Narrow(0, 0, count).Float().Reshape(count, 1, data.Height, data.Width);
        if (quick) x = Functional.Pad(Functional.Interpolate(x, scaleFactor: 3), [2, 2, 2, 2], 0.0);
        return (quick ? data.Name + " upsampled to 28×28" : data.Name, x * 2 - 1);
    }

    private static (double FakeProbability, double Minimax, double NonSaturating) EarlyGradients(Tensor images, int features, int latent, int batch, int warmup, long seed)
    {
        var (generator, discriminator) = Networks(features, latent, seed);
        var opt = DcganAdam(discriminator, 1e-3);
        var noise = new Generator(seed + 4);
        Tensor Fake() { using var _ = Autograd.NoGrad(); return generator.Forward(Tensor.Randn([batch, latent, 1, 1], DType.Float32, noise)); }
        var order = new Generator(seed + 5);
        int step = 0;
        while (step < warmup)
            foreach (var real in GenerativeData.Batches(images, batch, order))
            {
                if (step++ == warmup) break;
                var loss = GanLosses.Discriminator(discriminator.Forward(real), discriminator.Forward(Fake()));
                opt.ZeroGrad();
                loss.Backward();
                opt.Step();
            }
        var z = Tensor.Randn([batch, latent, 1, 1], DType.Float32, noise);
        var parameters = generator.Parameters().ToArray();
        double Norm(Func<Tensor, Tensor> loss)
        {
            var grads = Autograd.Grad([loss(discriminator.Forward(generator.Forward(z)))], parameters);
            return Math.Sqrt(grads.Sum(g => g.Square().Sum().Item()));
        }
        double probability;
        using (Autograd.NoGrad()) probability = discriminator.Forward(generator.Forward(z)).Sigmoid().Mean().Item();
        return (probability, Norm(GanLosses.GeneratorMinimax), Norm(GanLosses.GeneratorNonSaturating));
    }

    private static (Sequential Generator, Sequential Discriminator) Networks(int features, int latent, long seed)
    {
        var g = new Generator(seed);
        return (Dcgan.CreateGenerator(latent, features: features, generator: g), Dcgan.CreateDiscriminator(features: features, generator: g));
    }

    /// <summary>Radford et al.'s optimiser: Adam with β₁ = ½.</summary>
    private static Adam DcganAdam(Module model, double lr) => new(model.Parameters(), lr: lr, beta1: 0.5);

    /// <summary>G(z) for the fixed noise, mapped back to [0, 1] for display (batch statistics, as in training).</summary>
    private static GanSnapshot Snapshot(Sequential generator, Tensor noise, int epoch)
    {
        using var _ = Autograd.NoGrad();
        var images = (generator.Forward(noise) + 1) * 0.5;
        return new GanSnapshot(epoch, images.Reshape(SampleCount, Dcgan.ImageSize, Dcgan.ImageSize));
    }
}

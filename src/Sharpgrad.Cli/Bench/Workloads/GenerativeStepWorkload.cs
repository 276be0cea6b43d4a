using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// generative: ms per training step of the two generative models of issue #15 on Fashion-MNIST-shaped data (an epoch of
/// 60000 images is 600 VAE steps, 938 DCGAN steps). vae_step: Kingma &amp; Welling's MLP VAE 784-400-(2·20) / 20-400-784,
/// ReLU, Bernoulli pixels, analytic KL, batch 100, Adam 1e-3. dcgan_step: <see cref="Dcgan"/> with z of length 100 and
/// 32 features, batch 64, one discriminator and one generator update (<see cref="GanTrainer"/>, Adam 2e-4, β₁ = ½).
/// Data are seeded random binary images (the cost does not depend on the pixel values). <c>bench/generative_step.py</c>
/// runs the same architectures in PyTorch. 2 warm-up steps, then the median of 5.
/// </summary>
public sealed class GenerativeStepWorkload : IWorkload
{
    public const int Pixels = 784, VaeHidden = 400, VaeLatent = 20, VaeBatch = 100, GanLatent = 100, GanFeatures = 32, GanBatch = 64;

    public string Name => "generative";

    public void Run(BenchReport report, BenchOptions options)
    {
        var g = new Generator(0);
        var vae = new Vae(
            new Sequential(new Linear(Pixels, VaeHidden, generator: g), new ReLU(), new Linear(VaeHidden, 2 * VaeLatent, generator: g)),
            new Sequential(new Linear(VaeLatent, VaeHidden, generator: g), new ReLU(), new Linear(VaeHidden, Pixels, generator: g)),
            VaeLatent, new BernoulliDecoder(), new Generator(1));
        var vaeOptimizer = new Adam(vae.Parameters(), lr: 1e-3);
        var images = Tensor.Rand([VaeBatch, Pixels], DType.Float32, g).Lt(0.5).Float();
        TrainingStepTimer.WriteMedian(report, options, "vae_step", () =>
        {
            var loss = vae.Loss(images);
            vaeOptimizer.ZeroGrad();
            loss.Backward();
            vaeOptimizer.Step();
        }, warmUpSteps: 2, timedSteps: 5);

        var generator = Dcgan.CreateGenerator(GanLatent, features: GanFeatures, generator: g);
        var discriminator = Dcgan.CreateDiscriminator(features: GanFeatures, generator: g);
        var trainer = new GanTrainer(generator, discriminator, new Adam(generator.Parameters(), lr: 2e-4, beta1: 0.5),
            new Adam(discriminator.Parameters(), lr: 2e-4, beta1: 0.5), [GanLatent, 1, 1], noise: new Generator(2));
        var real = Tensor.Rand([GanBatch, 1, Dcgan.ImageSize, Dcgan.ImageSize], DType.Float32, g).Lt(0.5).Float() * 2 - 1;
        TrainingStepTimer.WriteMedian(report, options, "dcgan_step", () => trainer.Step(real), warmUpSteps: 2, timedSteps: 5);
    }
}

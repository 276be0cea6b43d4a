using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The quick modes (bundled digits) of autoencoder-vs-pca, denoising, gan, dbn and nade (issue #15): each claim holds,
/// with the specific numbers behind it, and the figures are PNGs.
/// </summary>
public sealed class GenerativeModelExperimentTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-generative-models-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    private ExperimentOutcome RunQuick(IExperiment experiment)
    {
        var outcome = experiment.Run(new ExperimentContext(outputDirectory, new TestConsole(), Seed: 0, Quick: true));
        Assert.True(outcome.Check.Holds, outcome.Check.Evidence);
        foreach (var png in outcome.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        return outcome;
    }

    private static double Number(ExperimentOutcome outcome, string name) => outcome.KeyNumbers.Single(k => k.Name == name).Value;

    [Fact]
    public void TheDeepAutoencoderBeatsPcaAtCodeSizeTwo()
    {
        var outcome = RunQuick(new AutoencoderVsPcaExperiment());
        // PCA's error with two components is the variance outside the top-2 subspace: over a third of it is lost.
        double ae = Number(outcome, "autoencoder test MSE, code 2"), pca = Number(outcome, "PCA test MSE, 2 components");
        Assert.True(ae < 0.9 * pca, $"autoencoder {ae:F5} vs PCA {pca:F5}");
        Assert.Contains("quick mode", outcome.Check.Evidence);
    }

    [Fact]
    public void TheDenoisingAutoencoderRemovesMaskingNoise()
    {
        var outcome = RunQuick(new DenoisingExperiment());
        double noisy = Number(outcome, "noisy input MSE"), plain = Number(outcome, "plain autoencoder MSE"), dae = Number(outcome, "denoising autoencoder MSE");
        // Masking half the pixels leaves half of E[x²] as error; the denoising autoencoder removes most of it.
        Assert.True(dae < 0.5 * noisy && dae < 0.9 * plain, $"noisy {noisy:F4}, plain {plain:F4}, denoising {dae:F4}");
    }

    [Fact]
    public void TheMinimaxGeneratorGradientVanishesEarly()
    {
        var outcome = RunQuick(new GanExperiment());
        double fake = Number(outcome, "early D(G(z))");
        double ratio = Number(outcome, "minimax generator gradient norm") / Number(outcome, "non-saturating generator gradient norm");
        Assert.True(fake < 0.1, $"the discriminator should reject the untrained generator, D(G(z)) = {fake:F4}");
        // Per sample the logit gradients are D and 1 − D, so the ratio is of the order of D(G(z)).
        Assert.InRange(ratio, 0.2 * fake, 5 * fake);
        Assert.Contains(outcome.Files, f => f.EndsWith("gan-non-saturating-epoch2.png", StringComparison.Ordinal));
    }

    [Fact]
    public void PretrainingLowersTheTestErrorWithFewLabels()
    {
        var outcome = RunQuick(new DbnExperiment());
        Assert.Equal(100, Number(outcome, "labelled examples"));
        double pretrained = Number(outcome, "pretrained: final test error"), scratch = Number(outcome, "from scratch: final test error");
        Assert.True(pretrained < 0.25 && scratch - pretrained > 0.02, $"pretrained {pretrained:F3}, from scratch {scratch:F3}");
    }

    [Fact]
    public void NadeBeatsTheRbmWhoseAisEstimateIsChecked()
    {
        var outcome = RunQuick(new NadeExperiment());
        double nade = Number(outcome, "NADE: exact test log-likelihood"), ais = Number(outcome, "RBM: test log-likelihood by AIS");
        double exact = Number(outcome, "RBM: exact test log-likelihood"), independent = Number(outcome, "independent pixels: test log-likelihood");
        Assert.True(nade > ais + 0.5, $"NADE {nade:F3} vs RBM {ais:F3} nats");
        Assert.True(Math.Abs(ais - exact) < 0.1, $"AIS {ais:F3} vs exact {exact:F3}");
        Assert.True(exact > independent + 2, $"the RBM {exact:F3} should beat independent pixels {independent:F3} clearly");
    }
}

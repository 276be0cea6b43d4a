using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The generative chapters' experiments (issue #15), each checked on its claim in quick mode (the bundled digits):
/// simultaneous gradient play orbits outward, a linear autoencoder finds the PCA subspace, IWAE ≥ ELBO, and AIS agrees
/// with the exact log Z of a trained RBM.
/// </summary>
public sealed class GenerativeExperimentTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-generative-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    [Fact]
    public void SimultaneousGradientStepsSpiralOutAndAlternatingOnesStayOnABoundedOrbit()
    {
        const double lr = 0.1;
        var runs = GanDynamics.Run(lr, steps: 200);
        var simultaneous = runs.Single(r => r.Name == "simultaneous");
        for (int t = 1; t < simultaneous.Radius.Length; t++)
        {
            Assert.True(simultaneous.Radius[t] >= simultaneous.Radius[t - 1], $"the radius shrank at step {t}");
            Assert.Equal(Math.Pow(1 + lr * lr, t / 2.0), simultaneous.Radius[t], 10); // |(1 + iη)^t| from (1, 0)
        }
        var alternating = runs.Single(r => r.Name == "alternating");
        Assert.InRange(alternating.Radius.Min(), 0.9, 1.0);  // never approaches the equilibrium
        Assert.InRange(alternating.Radius.Max(), 1.0, 1.1);  // and never escapes
    }

    [Fact]
    public void RunGanDynamicsWritesItsFigure()
    {
        int exit = SharpgradCommandLine.Run(["experiments", "run", "gan-dynamics", "--out", outputDirectory], new TestConsole(), new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);
        AssertPng(Path.Combine("gan-dynamics", GanDynamicsExperiment.PlotFile));   // each experiment writes into <out>/<id>
        Assert.Equal(2 + GanDynamics.DefaultSteps, File.ReadAllLines(Path.Combine(outputDirectory, "gan-dynamics", GanDynamicsExperiment.CsvFile)).Length);
        Assert.True(ExperimentSummaryJson.Read(Path.Combine(outputDirectory, "gan-dynamics", ExperimentSummaryJson.FileName)).Outcome.Check.Holds);
    }

    [Fact]
    public void ALinearAutoencoderSpansThePcaSubspace()
    {
        var r = LinearAutoencoder.Run(steps: 6);
        Assert.True(r.MaxAngleDegrees[0] > 30, $"the random start should be far from PCA, got {r.MaxAngleDegrees[0]:F2}°");
        Assert.True(r.FinalAnglesDegrees.Max() < 1, $"principal angles {string.Join(", ", r.FinalAnglesDegrees.Select(a => a.ToString("F3")))}°");
        Assert.InRange(r.Mse[^1], r.PcaMse, r.PcaMse * 1.01); // PCA is the optimum; the autoencoder reaches it
    }

    [Fact]
    public void IwaeBoundsRiseWithKAboveTheElbo()
    {
        var r = VaeTraining.Run(quick: true);
        Assert.True(r.TestElbo[^1] > r.TestElbo[0] + 1, $"test ELBO {r.TestElbo[0]:F2} → {r.TestElbo[^1]:F2}");
        Assert.Equal([1, 5, 50], r.IwaeSamples);
        Assert.True(r.TestIwae[1] > r.TestIwae[0] && r.TestIwae[2] > r.TestIwae[1], $"IWAE bounds {string.Join(", ", r.TestIwae)}");
        var files = VaeExperiment.Render(r, outputDirectory, new TestConsole());
        Assert.All(files.Where(f => f.EndsWith(".png")), f => AssertPng(Path.GetFileName(f)));
    }

    [Fact]
    public void AisAgreesWithTheExactLogZOfTrainedRbms()
    {
        var r = RbmTraining.Run(quick: true);
        Assert.Equal(["CD-1", "PCD-1"], r.Runs.Select(run => run.Method));
        foreach (var run in r.Runs)
        {
            Assert.True(Math.Abs(run.Ais.LogZ - run.ExactLogZ) < 0.1, $"{run.Method}: AIS {run.Ais.LogZ:F4} ± {run.Ais.StandardError:F4} vs exact {run.ExactLogZ:F4}");
            Assert.True(Math.Abs(run.MarginalBaseAis.LogZ - run.ExactLogZ) < 0.1, $"{run.Method}: marginal-matched-base AIS {run.MarginalBaseAis.LogZ:F4} vs exact {run.ExactLogZ:F4}");
            Assert.True(Math.Abs(run.ReverseAis.LogZ - run.ExactLogZ) < 0.1, $"{run.Method}: reverse AIS {run.ReverseAis.LogZ:F4} vs exact {run.ExactLogZ:F4}");
            Assert.True(RbmExperiment.AnnealingMatters(run.OneStepAis, run.MarginalBaseAis, run.ExactLogZ),
                $"{run.Method}: one β step {run.OneStepAis.LogZ:F4} ± {run.OneStepAis.StandardError:F4} vs annealed ± {run.MarginalBaseAis.StandardError:F4}");
            Assert.True(run.TestLogLikelihood > r.BaseRateTestLogLikelihood, $"{run.Method}: test LL {run.TestLogLikelihood:F3} vs independent pixels {r.BaseRateTestLogLikelihood:F3}");
        }
        // The larger RBM (14 hidden units in quick mode, still enumerable): AIS against exact, and its AIS test
        // log-likelihood above independent pixels with a standard error well under a nat.
        var large = r.Large;
        Assert.Equal(14, large.Hidden);
        Assert.True(Math.Abs(large.Ais.LogZ - large.ExactLogZ) < 0.1, $"larger RBM: AIS {large.Ais.LogZ:F4} ± {large.Ais.StandardError:F4} vs exact {large.ExactLogZ:F4}");
        Assert.True(large.TestLogLikelihood > r.BaseRateTestLogLikelihood, $"larger RBM: AIS test LL {large.TestLogLikelihood:F3} vs independent pixels {r.BaseRateTestLogLikelihood:F3}");
        Assert.InRange(large.Ais.StandardError, 0, 0.5);
        Assert.True(RbmExperiment.Check(r).Holds, RbmExperiment.Check(r).Evidence);
        var files = RbmExperiment.Render(r, outputDirectory, new TestConsole());
        Assert.Equal(6, files.Count);
    }

    [Theory]
    // Full-mode PCD-1 numbers (exact 658.5691): the marginal-base forward estimate (pcd15's full run), 0.3 standard errors
    // below exact, agrees; the base-rate start, 17.4 nats below with a standard error of 0.08, missed a mode and fails.
    // An estimate 1.1 standard errors above exact with a standard error near the cap still agrees.
    [InlineData(658.5686, 0.0015, true)]
    [InlineData(658.88, 0.28, true)]
    [InlineData(641.13, 0.08, false)]
    // 3.3 standard errors above exact, and a standard error over the 0.3-nat bound, both fail.
    [InlineData(659.5, 0.28, false)]
    [InlineData(658.6, 0.5, false)]
    // A tiny standard error still gets the 0.1-nat tolerance for the schedule's bias (0.05 off agrees, 0.15 off does not).
    [InlineData(658.6191, 0.001, true)]
    [InlineData(658.4191, 0.001, false)]
    public void RbmClaimWantsExactWithinThreeStandardErrorsOfAPreciseEstimate(double logZ, double standardError, bool agrees)
        => Assert.Equal(agrees, RbmExperiment.Agrees(new Sharpgrad.Generative.AisResult(logZ, 0, standardError, []), 658.5691));

    [Theory]
    // Against full-mode PCD-1's annealed marginal-base estimate 658.5686 ± 0.0015 (exact 658.5691): one β step with a
    // standard error 13 times larger, or one 0.011 nats off (beyond the annealed 3-standard-error band of 0.0045), shows
    // that annealing matters; one 0.0009 off with a standard error under 10 times larger does not.
    [InlineData(658.60, 0.02, true)]
    [InlineData(658.58, 0.001, true)]
    [InlineData(658.57, 0.01, false)]
    public void RbmClaimWantsOneBetaStepClearlyWorseThanTheAnnealedEstimate(double logZ, double standardError, bool matters)
        => Assert.Equal(matters, RbmExperiment.AnnealingMatters(new Sharpgrad.Generative.AisResult(logZ, 0, standardError, []),
            new Sharpgrad.Generative.AisResult(658.5686, 0, 0.0015, []), 658.5691));

    private void AssertPng(string file)
        => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(outputDirectory, file))[..4]);
}

using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The Mackey–Glass integrator and the echo state network's sweep over the spectral radius (GBC §10.8).</summary>
public class EchoStateTests
{
    /// <summary>With β/γ = 2 and n = 10, x ≡ 1 solves the equation (0.2·1/2 − 0.1·1 = 0): a history of 1 stays 1.</summary>
    [Fact]
    public void TheFixedPointStaysFixed()
    {
        Assert.All(MackeyGlass.Generate(50, initial: 1, transient: 0), v => Assert.Equal(1, v, 1e-15));
    }

    /// <summary>The chaotic attractor of τ = 17 stays in about [0.2, 1.4] and does not settle.</summary>
    [Fact]
    public void TheSeriesIsBoundedAndKeepsMoving()
    {
        var series = MackeyGlass.Generate(1000);
        Assert.All(series, v => Assert.InRange(v, 0.2, 1.4));
        var last = series[^200..];
        Assert.True(last.Max() - last.Min() > 0.5, $"the series settled: range {last.Min()}..{last.Max()}");
    }

    /// <summary>
    /// Quick mode (reservoir 60, ρ = 0.1, 0.9, 1.5): near ρ = 1 the ESN predicts 10 steps ahead far better than
    /// persistence and than a short-memory reservoir (ρ = 0.1) or one beyond the echo state property (ρ = 1.5).
    /// </summary>
    [Fact]
    public void ARadiusNearOnePredictsBest()
    {
        var result = EchoStateSweep.Run(quick: true);
        var (small, near, large) = (result.Points[0], result.Points[1], result.Points[2]);
        Assert.Equal(0.9, near.SpectralRadius);
        Assert.True(near.TestNrmse < 0.1, $"ρ = 0.9: test NRMSE {near.TestNrmse}");
        Assert.True(near.TestNrmse < small.TestNrmse / 3 && near.TestNrmse < large.TestNrmse / 3,
            $"NRMSE at ρ = 0.1, 0.9, 1.5: {small.TestNrmse}, {near.TestNrmse}, {large.TestNrmse}");
        Assert.True(near.TestNrmse < result.PersistenceNrmse / 10, $"persistence {result.PersistenceNrmse}");
    }

    [Fact]
    public void TheExperimentWritesItsPlotAndCsv()
    {
        var (lines, console, summary) = ExperimentOutput.Run(new EchoStateExperiment(), EchoStateExperiment.PlotFile, EchoStateExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("spectral_radius,train_nrmse,test_nrmse,persistence_nrmse", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("persistence", console);
    }
}

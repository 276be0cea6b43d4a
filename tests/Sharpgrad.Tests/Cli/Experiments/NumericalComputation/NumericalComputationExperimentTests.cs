using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments.NumericalComputation;

/// <summary>
/// The quick runs of gd-quadratic, saddle and kl-asymmetry: each writes its figure, CSV and summary, and its own check
/// of the claim holds; and each check fails on numbers that break the claim (so it can fail at all).
/// </summary>
public sealed class NumericalComputationExperimentTests
{
    [Fact]
    public void GdQuadraticQuickRunHoldsAndItsCsvHasTheZigZag()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new GdQuadraticExperiment(), GdQuadraticExperiment.PathFile, GdQuadraticExperiment.PathCsv);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("step,x1,x2,f", csv[0]);
        // Step 1: (−3 + 3·1/3, 2 − 2·5/3) = (−2, −4/3), where f = ½(4 + 5·16/9) = 58/9.
        var step1 = csv[2].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double[] expected = [1, -2, -4.0 / 3, 58.0 / 9];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], step1[i], 12);
        Assert.Equal(2.0 / 3, summary.Outcome.KeyNumbers.Single(n => n.Name == "rate at α = 1/3").Value, 12);
    }

    [Fact]
    public void GdQuadraticCheckFailsWhenARateIsOff()
    {
        var result = GdQuadratic.Run();
        var off = result with { MeasuredRates = [.. result.MeasuredRates.Select((r, i) => i == 0 ? r * 1.01 : r)] };
        Assert.False(GdQuadraticExperiment.Check(off).Holds);
        var noZigZag = result with { Path = [.. result.Path.Select(x => new[] { x[0], Math.Abs(x[1]) })] };
        Assert.False(GdQuadraticExperiment.Check(noZigZag).Holds);
    }

    [Fact]
    public void SaddleQuickRunHolds()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new SaddleExperiment(), SaddleExperiment.PathsFile, SaddleExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal(1 + SaddleExperiment.QuickStarts * (SaddlePoint.Steps + 1), csv.Length);
        // |x₂| grows by exactly 1.2³⁰ ≈ 237.38 from every start.
        Assert.Equal(Math.Pow(1.2, 30), summary.Outcome.KeyNumbers[0].Value, 6);
        Assert.True(summary.Outcome.KeyNumbers[2].Value < 1e-12);
    }

    [Fact]
    public void SaddleCheckFailsWhenNewtonMissesTheSaddle()
    {
        var runs = SaddlePoint.Run(2, seed: 5);
        var missed = runs.Select(r => r with { Newton = [r.Start, [1e-3, 0], .. r.Newton.Skip(2)] }).ToList();
        Assert.True(SaddleExperiment.Check(runs).Holds);
        Assert.False(SaddleExperiment.Check(missed).Holds);
    }

    [Fact]
    public void KlAsymmetryQuickRunHolds()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new KlAsymmetryExperiment(), KlAsymmetryExperiment.PlotFile, KlAsymmetryExperiment.DensityCsv);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("x,p,q_forward,q_reverse_1,q_reverse_2", csv[0]);
        Assert.Equal(Math.Sqrt(4.25), summary.Outcome.KeyNumbers.Single(n => n.Name.StartsWith("forward fit σ", StringComparison.Ordinal)).Value, 3);
        Assert.Equal(Math.Log(2), summary.Outcome.KeyNumbers.Single(n => n.Name.StartsWith("KL(q‖p) at the reverse", StringComparison.Ordinal)).Value, 3);
    }

    [Fact]
    public void KlAsymmetryCheckFailsWhenReverseKlCoversBothModes()
    {
        var result = KlAsymmetry.Run(1, seed: 0);
        var covering = result with { Reverse = [result.Forward with { StartMean = 1.5 }] };
        Assert.False(KlAsymmetryExperiment.Check(covering).Holds);
    }
}

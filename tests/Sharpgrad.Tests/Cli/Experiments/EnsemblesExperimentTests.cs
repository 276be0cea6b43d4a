using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The catalogue's ensembles experiment (GBC §7.11) in its quick mode.</summary>
public class EnsemblesExperimentTests
{
    [Fact]
    public void QuickRunFollowsEq750()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new EnsemblesExperiment(), EnsemblesExperiment.PlotFile, EnsemblesExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("k,measured,predicted,v_over_k", csv[0]);
        Assert.Equal(1 + EnsemblesExperiment.MaxK, csv.Length);
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        double v = numbers["v"], c = numbers["c"];
        // A NumPy re-implementation (ridge λ = 1e-3 on 100 bootstrapped digits, other splits) gives v ≈ 0.78–0.87 and
        // c ≈ 0.50–0.57: the members' errors are strongly but not perfectly correlated.
        Assert.InRange(v, 0.6, 1.1);
        Assert.InRange(c, 0.35, 0.75);
        Assert.InRange(c / v, 0.5, 0.8);
        // One fresh model errs by about v; twenty by about v/20 + 19c/20, far above v/20.
        Assert.Equal(1, numbers["measured error, k = 1"] / v, 0.1);
        Assert.Equal(1, numbers["measured error, k = 20"] / (v / 20 + 19 * c / 20), 0.1);
        Assert.True(numbers["measured error, k = 20"] > 2 * v / 20);
    }
}

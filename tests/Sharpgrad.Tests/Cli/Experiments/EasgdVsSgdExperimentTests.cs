using System.Globalization;
using Sharpgrad.Cli.Experiments;
using Sharpgrad.Tests.Distributed;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The catalogue's easgd-vs-sgd experiment (GBC §12.1.3, NYU §4.7.6): its quick run under mpirun (skipped, saying
/// why, where OpenMPI is absent), its claim check on made-up curves, and the parsing of the ranks' report lines.
/// </summary>
public class EasgdVsSgdExperimentTests
{
    [FactNeedingMpi]
    public void QuickRunUnderMpirunReproducesTheClaim()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new EasgdVsSgdExperiment(), EasgdVsSgdExperiment.PlotFile, EasgdVsSgdExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("step,ddp,easgd_centre,parameter_server", csv[0]);
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        int steps = EasgdVsSgd.StepsPerWorker(quick: true);
        Assert.Equal(steps, numbers["DDP exchanges per worker"]);
        Assert.Equal(steps / EasgdVsSgd.Period, numbers["EASGD exchanges per worker"]);
        // Every method starts from rank 0's broadcast initial weights, so the three curves share their first point;
        // ten classes at random initialisation sit near ln 10.
        double[] first = [.. csv[1].Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        Assert.All(first, v => Assert.Equal(first[0], v));
        Assert.InRange(first[0], 0.8 * Math.Log(10), 1.2 * Math.Log(10));
        // Two workers: each update counts in the staleness of at most one later update (the other worker's next), so the mean is at most 1.
        Assert.InRange(numbers["parameter server mean staleness"], 0.0, 1.0);
    }

    [Fact]
    public void CheckHoldsOnCurvesThatFitTheClaimAndFailsOnEachBreach()
    {
        // DDP 100 allreduces, EASGD 25; EASGD's 0.35 is within 2 × 0.2 and below DDP's 1.0 at 30 steps (≥ 25 allreduces).
        Assert.True(EasgdVsSgdExperiment.Check(Result(easgdFinal: 0.35, psFinal: 0.25, easgdExchanges: 25)).Holds);
        // EASGD's centre ends 3 times above DDP: outside the band.
        Assert.False(EasgdVsSgdExperiment.Check(Result(easgdFinal: 0.6, psFinal: 0.25, easgdExchanges: 25)).Holds);
        // The parameter server did not learn.
        Assert.False(EasgdVsSgdExperiment.Check(Result(easgdFinal: 0.35, psFinal: 2.0, easgdExchanges: 25)).Holds);
        // EASGD exchanged as often as DDP: not τ times less.
        Assert.False(EasgdVsSgdExperiment.Check(Result(easgdFinal: 0.35, psFinal: 0.25, easgdExchanges: 100)).Holds);
        // At equal communication (DDP's 1.0 at 30 steps) EASGD is not ahead, whatever the band says.
        var behind = Result(easgdFinal: 0.35, psFinal: 0.25, easgdExchanges: 25, ddpAt30: 0.3);
        Assert.False(EasgdVsSgdExperiment.Check(behind).Holds);
    }

    [Fact]
    public void ParseReadsEachMethodsLineAndIgnoresTheRest()
    {
        string output = "some mpirun warning\n\u001b[?1h\u001b=easgd-vs-sgd|easgd|3|NaN|0:2.5 10:1.25\nrank 1 says hello\neasgd-vs-sgd|parameter-server|10|0.75|0:2.5 10:0.5\n";
        var curves = EasgdVsSgd.Parse(output);
        Assert.Equal(["easgd", "parameter-server"], curves.Keys.Order());
        Assert.Equal([0.0, 10.0], curves["easgd"].Steps);
        Assert.Equal([2.5, 1.25], curves["easgd"].Losses);
        Assert.Equal(3, curves["easgd"].Exchanges);
        Assert.True(double.IsNaN(curves["easgd"].MeanStaleness));
        Assert.Equal(0.75, curves["parameter-server"].MeanStaleness);
        Assert.Equal(0.5, curves["parameter-server"].FinalLoss);
    }

    private static EasgdVsSgdResult Result(double easgdFinal, double psFinal, long easgdExchanges, double ddpAt30 = 1.0)
    {
        double[] steps = [0, 10, 20, 30, 100];
        return new EasgdVsSgdResult(
            new DistributedCurve("ddp", steps, [2.3, 2.1, 1.6, ddpAt30, 0.2], 100, double.NaN),
            new DistributedCurve("easgd", steps, [2.3, 2.2, 1.9, 1.6, easgdFinal], easgdExchanges, double.NaN),
            new DistributedCurve("parameter-server", steps, [2.3, 1.5, 1.0, 0.6, psFinal], 100, 0.9),
            Period: 4, Alpha: 0.45, StepsPerWorker: 100);
    }
}

using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="EasgdVsSgd"/>: the training loss of each method's consensus model against steps per worker, and
/// the curves as CSV. Needs OpenMPI's mpirun (the workers are MPI processes); without it the run is skipped under
/// <c>--all</c>.
/// </summary>
public sealed class EasgdVsSgdExperiment : IExperiment
{
    public const string PlotFile = "easgd-vs-sgd.png", CsvFile = "easgd-vs-sgd.csv";

    /// <summary>How much larger than DDP's final loss EASGD's centre and the parameter server's θ may end.</summary>
    public const double Band = 2;

    public ExperimentInfo Info { get; } = new(EasgdVsSgd.Id, "EASGD and asynchronous SGD against synchronous data parallelism", Areas.Deployment,
        ["GBC §12.1.3", "NYU §4.7.6", "Zhang, Choromanska & LeCun 2015"],
        $"With two workers and the same steps and examples, EASGD (τ = {EasgdVsSgd.Period}) communicates {EasgdVsSgd.Period} times less often than synchronous DDP; " +
        $"its centre variable, like asynchronous SGD with a parameter server, ends within a factor {Band} of DDP's training loss, all far below the initial loss, " +
        "and at equal communication (DDP after as many allreduces as EASGD made in all) EASGD's centre is ahead.",
        ["distributed", "mpi", "easgd", "parameter server", "data parallelism"], TimeSpan.FromSeconds(30));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = EasgdVsSgd.Run(context.Seed, context.Quick);
        var files = new List<string>
        {
            SavePlot(result, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["step", "ddp", "easgd_centre", "parameter_server"],
                result.Ddp.Steps.Select((s, k) => (IReadOnlyList<double>)[s, result.Ddp.Losses[k], result.Easgd.Losses[k], result.ParameterServer.Losses[k]])),
        };
        var table = new Table().AddColumns("method", "final training loss", "exchanges per worker");
        foreach (var curve in result.All)
            table.AddRow(curve.Method, ExperimentFiles.Format(curve.FinalLoss), curve.Exchanges.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Console.MarkupLine($"Digits, MLP 64–{EasgdVsSgd.Hidden}–10, 2 workers × batch {EasgdVsSgd.LocalBatch}, {result.StepsPerWorker} steps per worker; " +
            $"EASGD τ {result.Period}, α {result.Alpha}; parameter server mean staleness {ExperimentFiles.Format(result.ParameterServer.MeanStaleness)}.");
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("initial loss", result.Ddp.Losses[0]), new("DDP final loss", result.Ddp.FinalLoss), new("EASGD centre final loss", result.Easgd.FinalLoss),
             new("parameter server final loss", result.ParameterServer.FinalLoss), new("DDP exchanges per worker", result.Ddp.Exchanges),
             new("EASGD exchanges per worker", result.Easgd.Exchanges), new("parameter server mean staleness", result.ParameterServer.MeanStaleness)],
            Check(result));
    }

    /// <summary>
    /// EASGD exchanged exactly τ times less often than DDP; EASGD's centre and the parameter server end within
    /// <see cref="Band"/> × DDP's final loss; every method ends below half of the initial loss; and EASGD's final loss
    /// is below DDP's at the first measured step at which DDP had made at least as many allreduces (a conservative
    /// reading: DDP's loss there is no higher than at exactly that many).
    /// </summary>
    internal static ClaimCheck Check(EasgdVsSgdResult r)
    {
        double initial = r.Ddp.Losses[0], ddp = r.Ddp.FinalLoss;
        bool fewer = r.Easgd.Exchanges * r.Period == r.Ddp.Exchanges;
        bool band = r.Easgd.FinalLoss <= Band * ddp && r.ParameterServer.FinalLoss <= Band * ddp;
        bool learned = r.All.All(c => c.FinalLoss < initial / 2);
        int equal = Array.FindIndex(r.Ddp.Steps, s => s >= r.Easgd.Exchanges);
        double ddpAtEqualCommunication = equal < 0 ? double.NaN : r.Ddp.Losses[equal];
        bool ahead = r.Easgd.FinalLoss < ddpAtEqualCommunication;
        return ClaimCheck.That(fewer && band && learned && ahead,
            $"initial loss {ExperimentFiles.Format(initial)}; after {r.StepsPerWorker} steps per worker DDP {ExperimentFiles.Format(ddp)} ({r.Ddp.Exchanges} allreduces), " +
            $"EASGD centre {ExperimentFiles.Format(r.Easgd.FinalLoss)} ({r.Easgd.Exchanges} allreduces), parameter server {ExperimentFiles.Format(r.ParameterServer.FinalLoss)} " +
            $"(mean staleness {ExperimentFiles.Format(r.ParameterServer.MeanStaleness)}); band {Band} × DDP = {ExperimentFiles.Format(Band * ddp)}; " +
            $"DDP after {(equal < 0 ? double.NaN : r.Ddp.Steps[equal])} allreduces {ExperimentFiles.Format(ddpAtEqualCommunication)}.");
    }

    private static string SavePlot(EasgdVsSgdResult result, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Two workers on the digits: synchronous, elastic, asynchronous", "steps per worker", "training cross-entropy");
        string[] labels = ["DDP (allreduce every step)", $"EASGD centre (τ = {result.Period})", "parameter server (async SGD)"];
        for (int i = 0; i < 3; i++)
        {
            var curve = result.All[i];
            ExperimentFiles.AddLine(plot, curve.Steps, curve.Losses, labels[i], ExperimentFiles.Palette.GetColor(i));
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}

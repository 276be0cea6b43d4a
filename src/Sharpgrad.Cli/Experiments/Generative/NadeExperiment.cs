using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="NadeVersusRbm"/>: NADE's learning curve against the RBM's AIS and exact test log-likelihoods, and samples.</summary>
public sealed class NadeExperiment : IExperiment
{
    public const string CurveFile = "nade-vs-rbm.png", NadeSamplesFile = "nade-samples.png", RbmSamplesFile = "nade-rbm-samples.png", CsvFile = "nade-vs-rbm.csv";

    public ExperimentInfo Info { get; } = new("nade", "NADE's exact likelihood against an RBM's AIS estimate", Areas.Generative,
        ["GBC §20.10.10", "GBC §18.7.1", "Larochelle & Murray 2011"],
        "NADE's exact test log-likelihood is higher than that of an RBM with as many hidden units, whose log Z AIS estimates within 0.1 nats of the exact value.",
        ["nade", "rbm", "autoregressive", "partition function", "fashion-mnist"], TimeSpan.FromMinutes(10));

    /// <summary>How far AIS may be from the exact log Z, in nats.</summary>
    internal const double AisTolerance = 0.1;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = NadeVersusRbm.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [new("NADE: exact test log-likelihood", r.NadeFinal), new("RBM: test log-likelihood by AIS", r.RbmAisTestLogLikelihood),
             new("RBM: exact test log-likelihood", r.RbmExactTestLogLikelihood), new("independent pixels: test log-likelihood", r.BaseRateTestLogLikelihood)],
            Check(r));
    }

    internal static ClaimCheck Check(NadeVersusRbmResult r) => ClaimCheck.That(
        r.NadeFinal > r.RbmAisTestLogLikelihood && Math.Abs(r.Ais.LogZ - r.RbmExactLogZ) < AisTolerance,
        $"test log-likelihood on {r.Data} with {r.Hidden} hidden units: NADE {ExperimentFiles.Format(r.NadeFinal)} nats (exact), RBM {ExperimentFiles.Format(r.RbmAisTestLogLikelihood)} " +
        $"by AIS (log Z {ExperimentFiles.Format(r.Ais.LogZ)} ± {ExperimentFiles.Format(r.Ais.StandardError)} against exact {ExperimentFiles.Format(r.RbmExactLogZ)}); independent pixels {ExperimentFiles.Format(r.BaseRateTestLogLikelihood)}.");

    public static IReadOnlyList<string> Render(NadeVersusRbmResult r, string outputDirectory, IAnsiConsole console)
    {
        var epochs = Enumerable.Range(1, r.NadeTestLogLikelihood.Length).Select(e => (double)e).ToArray();
        var plot = ExperimentFiles.NewPlot($"Test log-likelihood on {r.Data} ({r.Hidden} hidden units)", "NADE epoch", "nats per image");
        ExperimentFiles.AddLine(plot, epochs, r.NadeTestLogLikelihood, "NADE (exact)", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(plot, [epochs[0], epochs[^1]], [r.RbmAisTestLogLikelihood, r.RbmAisTestLogLikelihood], "RBM, log Z by AIS", ExperimentFiles.Palette.GetColor(1), ScottPlot.LinePattern.Dashed);
        ExperimentFiles.AddLine(plot, [epochs[0], epochs[^1]], [r.BaseRateTestLogLikelihood, r.BaseRateTestLogLikelihood], "independent pixels", ExperimentFiles.Palette.GetColor(2), ScottPlot.LinePattern.Dotted);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, CurveFile),
            ImageGrid.SaveGreyscale(outputDirectory, NadeSamplesFile, "NADE: exact (ancestral) samples", r.NadeSamples, 8),
            ImageGrid.SaveGreyscale(outputDirectory, RbmSamplesFile, "RBM: visible means after long Gibbs chains", r.RbmSamples, 8),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["nade_epoch", "nade_test_log_likelihood", "rbm_ais_test_log_likelihood", "rbm_exact_test_log_likelihood", "rbm_ais_log_z", "rbm_ais_standard_error", "rbm_exact_log_z"],
                epochs.Select((e, i) => (IReadOnlyList<double>)[e, r.NadeTestLogLikelihood[i], r.RbmAisTestLogLikelihood, r.RbmExactTestLogLikelihood, r.Ais.LogZ, r.Ais.StandardError, r.RbmExactLogZ])),
        };
        var table = new Table().AddColumns("model", "test log-likelihood (nats)");
        table.AddRow("NADE (exact)", ExperimentFiles.Format(r.NadeFinal));
        table.AddRow("RBM (AIS log Z)", ExperimentFiles.Format(r.RbmAisTestLogLikelihood));
        table.AddRow("RBM (exact log Z)", ExperimentFiles.Format(r.RbmExactTestLogLikelihood));
        table.AddRow("independent pixels", ExperimentFiles.Format(r.BaseRateTestLogLikelihood));
        console.Write(table);
        return files;
    }
}

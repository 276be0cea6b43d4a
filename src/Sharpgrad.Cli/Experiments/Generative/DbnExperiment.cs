using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="DbnPretraining"/>: test error curves with and without pretraining, the DBN's samples and filters.</summary>
public sealed class DbnExperiment : IExperiment
{
    public const string CurvesFile = "dbn-fine-tuning.png", SamplesFile = "dbn-samples.png", FiltersFile = "dbn-filters.png", CsvFile = "dbn-fine-tuning.csv";

    public ExperimentInfo Info { get; } = new("dbn", "Deep belief network: greedy pretraining, then fine-tuning", Areas.Generative,
        ["GBC §15.1", "GBC Alg. 15.1", "GBC §20.3", "Hinton et al. 2006"],
        "A network started from a greedily pretrained deep belief network and fine-tuned on few labels reaches a lower test error than the same network trained from a random start.",
        ["dbn", "rbm", "pretraining", "semi-supervised", "fashion-mnist"], TimeSpan.FromMinutes(5));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = DbnPretraining.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [new("labelled examples", r.Labelled), new("pretrained: final test error", r.PretrainedTestError[^1]), new("from scratch: final test error", r.ScratchTestError[^1])],
            Check(r));
    }

    internal static ClaimCheck Check(DbnResult r) => ClaimCheck.That(r.PretrainedTestError[^1] < r.ScratchTestError[^1],
        $"after {r.PretrainedTestError.Length} fine-tuning epochs on {r.Labelled} labelled {r.Data} images the test error is {ExperimentFiles.Format(r.PretrainedTestError[^1])} " +
        $"from the DBN ({string.Join("-", r.HiddenSizes)} hidden units, {r.PretrainEpochs} CD-1 epochs per layer) and {ExperimentFiles.Format(r.ScratchTestError[^1])} from a random start.");

    public static IReadOnlyList<string> Render(DbnResult r, string outputDirectory, IAnsiConsole console)
    {
        var epochs = Enumerable.Range(1, r.PretrainedTestError.Length).Select(e => (double)e).ToArray();
        var plot = ExperimentFiles.NewPlot($"Fine-tuning on {r.Labelled} labelled {r.Data} images", "epoch", "test error");
        ExperimentFiles.AddLine(plot, epochs, r.PretrainedTestError, "started from the DBN", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(plot, epochs, r.ScratchTestError, "random start", ExperimentFiles.Palette.GetColor(1), LinePattern.Dashed);
        plot.ShowLegend(Alignment.UpperRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, CurvesFile),
            ImageGrid.SaveGreyscale(outputDirectory, SamplesFile, $"DBN samples (p(v | h¹) after long Gibbs chains in the top RBM)", r.Samples, 8),
            ImageGrid.SaveFilters(outputDirectory, FiltersFile, "DBN first-layer filters", r.Filters, 8),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["epoch", "pretrained_test_error", "scratch_test_error"],
                epochs.Select((e, i) => (IReadOnlyList<double>)[e, r.PretrainedTestError[i], r.ScratchTestError[i]])),
        };
        var table = new Table().AddColumns("start", "final test error", "best test error");
        table.AddRow("DBN", ExperimentFiles.Format(r.PretrainedTestError[^1]), ExperimentFiles.Format(r.PretrainedTestError.Min()));
        table.AddRow("random", ExperimentFiles.Format(r.ScratchTestError[^1]), ExperimentFiles.Format(r.ScratchTestError.Min()));
        console.Write(table);
        return files;
    }
}

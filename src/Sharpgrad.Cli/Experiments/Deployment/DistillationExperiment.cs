using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="Distillation"/> on Fashion-MNIST (or on the bundled digits where the Debian package is missing):
/// per seed, the student's test accuracy alone and distilled, with the teacher's as a line; the numbers as CSV.
/// </summary>
public sealed class DistillationExperiment : IExperiment
{
    public const string PlotFile = "distillation.png", CsvFile = "distillation.csv";

    public ExperimentInfo Info { get; } = new("distillation", "Knowledge distillation into a small student", Areas.Deployment,
        ["GBC §12.1.4", "Hinton, Vinyals & Dean 2015"],
        "A student trained on few labels plus a teacher's temperature-softened outputs generalises better than the same student trained on the labels alone.",
        ["distillation", "model compression", "fashion-mnist"], TimeSpan.FromMinutes(15));

    /// <summary>Seeds of the quick run, on the bundled digits.</summary>
    public const int QuickSeeds = 2;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        DistillationResult result;
        try
        {
            result = context.Quick ? Distillation.Digits(QuickSeeds, context.Seed) : Distillation.FashionMnist(firstSeed: context.Seed);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            console.MarkupLine($"[yellow]Fashion-MNIST is not installed ({Markup.Escape(e.Message)}); running on the bundled digits instead.[/]");
            result = Distillation.Digits(firstSeed: context.Seed);
        }
        var seeds = Enumerable.Range(context.Seed, result.Alone.Length).Select(s => (double)s).ToArray();
        var files = new List<string>
        {
            SavePlot(result, seeds, outputDirectory),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["seed", "alone", "distilled", "teacher"],
                seeds.Select((s, k) => (IReadOnlyList<double>)[s, result.Alone[k], result.Distilled[k], result.TeacherAccuracy])),
        };
        var table = new Table().AddColumns("model", "test accuracy (mean over seeds)");
        table.AddRow("teacher", ExperimentFiles.Format(result.TeacherAccuracy));
        table.AddRow("student alone", ExperimentFiles.Format(result.Alone.Average()));
        table.AddRow($"student distilled (T {result.Temperature}, α {result.Alpha})", ExperimentFiles.Format(result.Distilled.Average()));
        console.MarkupLine($"{result.Data}: students trained on {result.Labelled} labelled examples, {result.Alone.Length} seeds; mean gain {ExperimentFiles.Format(result.MeanGain)}.");
        console.Write(table);
        return new ExperimentOutcome(files,
            [new("teacher accuracy", result.TeacherAccuracy), new("student alone, mean accuracy", result.Alone.Average()),
             new("student distilled, mean accuracy", result.Distilled.Average()), new("mean gain", result.MeanGain)],
            Check(result));
    }

    /// <summary>The distilled students are more accurate on average than the students trained alone.</summary>
    internal static ClaimCheck Check(DistillationResult result) => ClaimCheck.That(result.MeanGain > 0,
        $"{result.Data}, {result.Alone.Length} seeds: mean test accuracy alone {ExperimentFiles.Format(result.Alone.Average())}, " +
        $"distilled {ExperimentFiles.Format(result.Distilled.Average())} (gain {ExperimentFiles.Format(result.MeanGain)}), teacher {ExperimentFiles.Format(result.TeacherAccuracy)}.");

    private static string SavePlot(DistillationResult result, double[] seeds, string directory)
    {
        var plot = ExperimentFiles.NewPlot($"Distillation on {result.Data} ({result.Labelled} labels)", "seed", "test accuracy");
        ExperimentFiles.AddPoints(plot, seeds, result.Alone, "student alone", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddPoints(plot, seeds, result.Distilled, "student distilled", ExperimentFiles.Palette.GetColor(1));
        var teacher = plot.Add.HorizontalLine(result.TeacherAccuracy, color: ExperimentFiles.Palette.GetColor(2), pattern: LinePattern.Dashed);
        teacher.LegendText = "teacher";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.MiddleRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}

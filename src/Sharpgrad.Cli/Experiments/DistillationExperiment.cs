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

    public string Id => "distillation";

    public string Description =>
        "An MLP trained from a LeNet-5 teacher's soft targets against the same MLP trained alone on 1,000 Fashion-MNIST labels (Hinton et al. 2015; GBC §12.1.4).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        DistillationResult result;
        try
        {
            result = Distillation.FashionMnist();
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            console.MarkupLine($"[yellow]Fashion-MNIST is not installed ({Markup.Escape(e.Message)}); running on the bundled digits instead.[/]");
            result = Distillation.Digits();
        }
        var seeds = Enumerable.Range(0, result.Alone.Length).Select(s => (double)s).ToArray();
        var files = new List<string>
        {
            SavePlot(result, seeds, outputDirectory),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["seed", "alone", "distilled", "teacher"],
                seeds.Select(s => (IReadOnlyList<double>)[s, result.Alone[(int)s], result.Distilled[(int)s], result.TeacherAccuracy])),
        };
        var table = new Table().AddColumns("model", "test accuracy (mean over seeds)");
        table.AddRow("teacher", ExperimentFiles.Format(result.TeacherAccuracy));
        table.AddRow("student alone", ExperimentFiles.Format(result.Alone.Average()));
        table.AddRow($"student distilled (T {result.Temperature}, α {result.Alpha})", ExperimentFiles.Format(result.Distilled.Average()));
        console.MarkupLine($"{result.Data}: students trained on {result.Labelled} labelled examples, {result.Alone.Length} seeds; mean gain {ExperimentFiles.Format(result.MeanGain)}.");
        console.Write(table);
        return files;
    }

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

using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="WeightDecay"/>: the three degree-9 fits side by side, as in GBC Fig. 5.5.</summary>
public sealed class WeightDecayExperiment : IExperiment
{
    public const string FitsFile = "weight-decay.png", CsvFile = "weight-decay.csv";

    public string Id => "weight-decay";

    public string Description => "A degree-9 polynomial with weight decay λ excessive, medium and → 0 (GBC Fig. 5.5).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var rows = WeightDecay.Run();
        var data = PolynomialFit.Run();
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        var grid = SineData.Grid(200);
        for (int i = 0; i < rows.Count; i++)
        {
            var plot = i == 0 ? figure.GetPlot(0) : figure.AddPlot();
            ExperimentFiles.Style(plot, $"{rows[i].Label} (λ = {rows[i].Lambda:G3})", "x", "y");
            ExperimentFiles.AddLine(plot, grid.ToArray<double>(), SineData.Truth(grid).ToArray<double>(), "sin 2πx", ExperimentFiles.Palette.GetColor(2), LinePattern.Dashed);
            ExperimentFiles.AddLine(plot, grid.ToArray<double>(), SineData.Evaluate(rows[i].Coefficients, grid).ToArray<double>(), "fit", ExperimentFiles.Palette.GetColor(3));
            ExperimentFiles.AddPoints(plot, data.TrainX.ToArray<double>(), data.TrainY.ToArray<double>(), "train", ExperimentFiles.Palette.GetColor(0));
            plot.Axes.SetLimits(0, 1, -1.6, 1.6);
            plot.ShowLegend(Alignment.LowerLeft);
        }
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, outputDirectory, FitsFile, 1500, 450),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["lambda", "train_mse", "test_mse", "weight_norm"],
                rows.Select(r => (IReadOnlyList<double>)[r.Lambda, r.TrainMse, r.TestMse, r.Coefficients.Norm().Item()])),
        };
        var table = new Table().AddColumns("", "λ", "train MSE", "test MSE", "‖w‖");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Label), ExperimentFiles.Format(r.Lambda), ExperimentFiles.Format(r.TrainMse), ExperimentFiles.Format(r.TestMse), ExperimentFiles.Format(r.Coefficients.Norm().Item()));
        console.Write(table);
        return files;
    }
}

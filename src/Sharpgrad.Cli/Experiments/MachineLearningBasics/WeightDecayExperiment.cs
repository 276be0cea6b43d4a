using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="WeightDecay"/>: the three degree-9 fits side by side, as in GBC Fig. 5.5.</summary>
public sealed class WeightDecayExperiment : IExperiment
{
    public const string FitsFile = "weight-decay.png", CsvFile = "weight-decay.csv";

    public ExperimentInfo Info { get; } = new("weight-decay", "Weight decay on a degree-9 polynomial", Areas.MachineLearningBasics,
        ["GBC Fig. 5.5", "GBC §5.2.2"],
        "Excessive weight decay underfits, vanishing weight decay overfits, and a medium λ generalises best.",
        ["regularisation", "capacity", "regression"], TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var rows = WeightDecay.Run(context.Seed);
        var data = PolynomialFit.Run(context.Seed);
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
        return new ExperimentOutcome(files, [.. rows.Select(r => new KeyNumber($"test MSE, {r.Label}", r.TestMse))], Check(rows));
    }

    /// <summary>The medium strength has the lowest test error; vanishing λ fits the training points more closely but generalises worse.</summary>
    internal static ClaimCheck Check(IReadOnlyList<WeightDecayRow> rows)
    {
        var (excessive, medium, vanishing) = (rows[0], rows[1], rows[2]);
        return ClaimCheck.That(medium.TestMse < excessive.TestMse && medium.TestMse < vanishing.TestMse && vanishing.TrainMse < medium.TrainMse,
            $"test MSE: excessive {ExperimentFiles.Format(excessive.TestMse)}, medium {ExperimentFiles.Format(medium.TestMse)}, λ → 0 {ExperimentFiles.Format(vanishing.TestMse)} (train {ExperimentFiles.Format(vanishing.TrainMse)} < medium's {ExperimentFiles.Format(medium.TrainMse)}).");
    }
}

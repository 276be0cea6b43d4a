using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="GanDynamics"/>: both trajectories in the (a, b) plane and their radius against the step.</summary>
public sealed class GanDynamicsExperiment : IExperiment
{
    public const string PlotFile = "gan-dynamics.png", CsvFile = "gan-dynamics.csv";

    public string Id => "gan-dynamics";

    public string Description => "Simultaneous gradient steps on v(a, b) = ab orbit the equilibrium and spiral out instead of converging (GBC §20.10.4).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var runs = GanDynamics.Run();
        var figure = new ScottPlot.Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        var plane = figure.GetPlot(0);
        ExperimentFiles.Style(plane, $"v(a, b) = ab, η = {GanDynamics.DefaultLearningRate}", "a (minimises v)", "b (maximises v)");
        var radius = figure.AddPlot();
        ExperimentFiles.Style(radius, "distance from the equilibrium (0, 0)", "step", "√(a² + b²)");
        for (int i = 0; i < runs.Count; i++)
        {
            var color = ExperimentFiles.Palette.GetColor(i);
            ExperimentFiles.AddLine(plane, runs[i].A, runs[i].B, runs[i].Name, color);
            ExperimentFiles.AddLine(radius, Enumerable.Range(0, runs[i].Radius.Length).Select(t => (double)t).ToArray(), runs[i].Radius, runs[i].Name, color);
        }
        ExperimentFiles.AddPoints(plane, [0], [0], "equilibrium", ExperimentFiles.Palette.GetColor(3), size: 9);
        plane.ShowLegend(ScottPlot.Alignment.UpperRight);
        radius.ShowLegend(ScottPlot.Alignment.UpperLeft);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, outputDirectory, PlotFile, 1300, 600),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["step", .. runs.SelectMany(r => new[] { $"{r.Name}_a", $"{r.Name}_b" })],
                Enumerable.Range(0, runs[0].A.Length).Select(t => (IReadOnlyList<double>)[t, .. runs.SelectMany(r => new[] { r.A[t], r.B[t] })])),
        };
        var table = new Table().AddColumns("updates", "start radius", "final radius", $"closed form r₀(1 + η²)^(t/2)");
        double closedForm = Math.Pow(1 + GanDynamics.DefaultLearningRate * GanDynamics.DefaultLearningRate, GanDynamics.DefaultSteps / 2.0);
        foreach (var r in runs)
            table.AddRow(r.Name, ExperimentFiles.Format(r.Radius[0]), ExperimentFiles.Format(r.Radius[^1]), r.Name == "simultaneous" ? ExperimentFiles.Format(closedForm) : "bounded orbit");
        console.Write(table);
        return files;
    }
}

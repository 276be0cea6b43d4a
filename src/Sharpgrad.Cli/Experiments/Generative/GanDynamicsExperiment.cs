using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="GanDynamics"/>: both trajectories in the (a, b) plane and their radius against the step.</summary>
public sealed class GanDynamicsExperiment : IExperiment
{
    public const string PlotFile = "gan-dynamics.png", CsvFile = "gan-dynamics.csv";

    public ExperimentInfo Info { get; } = new("gan-dynamics", "Simultaneous gradient play on v(a, b) = ab", Areas.Generative,
        ["GBC §20.10.4", "Goodfellow 2016 (NIPS tutorial) §8.2"],
        "Simultaneous gradient steps on the minimax game v(a, b) = ab spiral away from the equilibrium (0, 0), and alternating steps orbit it, instead of converging.",
        ["gan", "game dynamics", "non-convergence"], TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
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
        return new ExperimentOutcome(files,
            [.. runs.SelectMany(r => new KeyNumber[] { new($"{r.Name}: final radius", r.Radius[^1]), new($"{r.Name}: smallest radius", r.Radius.Min()) })],
            Check(runs));
    }

    /// <summary>Simultaneous play never gets closer than it started; alternating play stays within 10% of its start radius.</summary>
    internal static ClaimCheck Check(IReadOnlyList<GameTrajectory> runs)
    {
        var simultaneous = runs.Single(r => r.Name == "simultaneous");
        var alternating = runs.Single(r => r.Name == "alternating");
        bool spirals = simultaneous.Radius[^1] > simultaneous.Radius[0] && simultaneous.Radius.Min() >= simultaneous.Radius[0];
        bool orbits = alternating.Radius.Min() > 0.9 * alternating.Radius[0] && alternating.Radius.Max() < 1.1 * alternating.Radius[0];
        return ClaimCheck.That(spirals && orbits,
            $"simultaneous: radius {ExperimentFiles.Format(simultaneous.Radius[0])} → {ExperimentFiles.Format(simultaneous.Radius[^1])}; " +
            $"alternating: radius within [{ExperimentFiles.Format(alternating.Radius.Min())}, {ExperimentFiles.Format(alternating.Radius.Max())}].");
    }
}

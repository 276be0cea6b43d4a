using ScottPlot;
using Sharpgrad.RL;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="MazeValueIteration"/>: the optimal values as a heat map with the greedy action drawn as an arrow in
/// each free cell, and the Bellman error max_s |V_{k+1}(s) − V_k(s)| of each sweep on a log scale (it shrinks by about
/// γ per sweep: the backup is a γ-contraction).
/// </summary>
public sealed class MazeValueIterationExperiment : IExperiment
{
    public const string ValuesFile = "maze_values.png", ErrorsFile = "maze_bellman_error.png", ValuesCsv = "maze_values.csv", ErrorsCsv = "maze_bellman_error.csv";
    private static readonly string[] Arrows = ["↑", "→", "↓", "←"];

    public ExperimentInfo Info { get; } = new("maze-value-iteration", "Value iteration on a maze", Areas.ReinforcementLearning,
        ["NYU ch22", "Sutton & Barto §4.4", "Buduma ch9"],
        "Value iteration is a γ-contraction: its Bellman error shrinks by at least γ per sweep, and it ends with the same greedy policy as policy iteration.",
        ["dynamic programming", "mdp"], TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var solution = MazeValueIteration.Run();   // deterministic: the seed plays no part
        var maze = solution.Maze;
        var vi = solution.ValueIteration;
        var errors = vi.BellmanErrors;
        var files = new List<string>
        {
            SaveValues(solution, outputDirectory),
            SaveErrors(errors, outputDirectory),
            ExperimentFiles.SaveCsv(outputDirectory, ValuesCsv, ["state", "row", "column", "value", "greedy_action", "policy_iteration_action"],
                Enumerable.Range(0, maze.StateCount).Select(s => (IReadOnlyList<double>)
                    [s, maze.CellOf(s).Row, maze.CellOf(s).Column, vi.Values[s], vi.Policy[s], solution.PolicyIteration.Policy[s]])),
            ExperimentFiles.SaveCsv(outputDirectory, ErrorsCsv, ["sweep", "bellman_error"],
                errors.Select((e, k) => (IReadOnlyList<double>)[k + 1, e])),
        };
        bool same = NonTerminal(maze).All(s => vi.Policy[s] == solution.PolicyIteration.Policy[s]);
        console.MarkupLine($"value iteration: {vi.Iterations} sweeps; policy iteration: {solution.PolicyIteration.Iterations} improvements; " +
                           $"same greedy policy: [bold]{(same ? "yes" : "no")}[/]; V(start) = {ExperimentFiles.Format(vi.Values[maze.StartState])}.");
        return new ExperimentOutcome(files,
            [new("sweeps", vi.Iterations), new("policy-iteration improvements", solution.PolicyIteration.Iterations), new("V(start)", vi.Values[maze.StartState]),
             new("largest error ratio between sweeps (after the 5th)", LargestRatio(errors))],
            Check(solution));
    }

    /// <summary>The sweeps skip the first five, where an error can stay flat while the goal's value spreads out.</summary>
    private const int SkippedSweeps = 5;

    private static double LargestRatio(IReadOnlyList<double> errors) =>
        Enumerable.Range(SkippedSweeps, Math.Max(0, errors.Count - SkippedSweeps)).Where(k => errors[k - 1] > 0).Select(k => errors[k] / errors[k - 1]).DefaultIfEmpty(0).Max();

    /// <summary>The error ratio never exceeds γ (after the first sweeps), and both methods agree on every non-terminal state.</summary>
    internal static ClaimCheck Check(MazeSolution solution)
    {
        var vi = solution.ValueIteration;
        bool same = NonTerminal(solution.Maze).All(s => vi.Policy[s] == solution.PolicyIteration.Policy[s]);
        double ratio = LargestRatio(vi.BellmanErrors);
        return ClaimCheck.That(same && ratio <= solution.Gamma + 1e-9,
            $"largest ratio of successive Bellman errors {ExperimentFiles.Format(ratio)} against γ = {solution.Gamma}; " +
            $"greedy policies {(same ? "agree" : "differ")} after {vi.Iterations} sweeps and {solution.PolicyIteration.Iterations} policy improvements.");
    }

    private static IEnumerable<int> NonTerminal(GridMaze maze) => Enumerable.Range(0, maze.StateCount).Where(s => !maze.IsTerminal(s));

    private static string SaveValues(MazeSolution solution, string directory)
    {
        var maze = solution.Maze;
        var grid = new double[maze.Height, maze.Width];
        for (int r = 0; r < maze.Height; r++)
            for (int c = 0; c < maze.Width; c++) grid[r, c] = double.NaN; // walls stay blank
        for (int s = 0; s < maze.StateCount; s++) grid[maze.CellOf(s).Row, maze.CellOf(s).Column] = solution.ValueIteration.Values[s];
        var plot = ExperimentFiles.NewPlot($"Optimal values and greedy policy (γ = {solution.Gamma})", "column", "row");
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        for (int s = 0; s < maze.StateCount; s++)
        {
            var (row, column) = maze.CellOf(s);
            string label = maze.CellKind(s) switch { 'G' => "G", 'T' => "T", _ => Arrows[solution.ValueIteration.Policy[s]] };
            var text = plot.Add.Text(label, column, maze.Height - 1 - row);
            text.LabelFontSize = 22;
            text.LabelFontColor = Colors.White;
            text.LabelAlignment = Alignment.MiddleCenter;
        }
        // Rows are drawn top to bottom as in the layout text, so label the y ticks with the row numbers.
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, maze.Height).Select(r => (double)(maze.Height - 1 - r))],
            [.. Enumerable.Range(0, maze.Height).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, maze.Width).Select(c => (double)c)],
            [.. Enumerable.Range(0, maze.Width).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return ExperimentFiles.SavePng(plot, directory, ValuesFile);
    }

    private static string SaveErrors(IReadOnlyList<double> errors, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Value iteration: Bellman error per sweep", "sweep", "log₁₀ max_s |V_{k+1}(s) − V_k(s)|");
        var sweeps = Enumerable.Range(1, errors.Count).Select(k => (double)k).ToArray();
        ExperimentFiles.AddLine(plot, sweeps, [.. errors.Select(e => Math.Log10(Math.Max(e, 1e-300)))], "Bellman error", ExperimentFiles.Palette.GetColor(0), markerSize: 4);
        return ExperimentFiles.SavePng(plot, directory, ErrorsFile);
    }
}

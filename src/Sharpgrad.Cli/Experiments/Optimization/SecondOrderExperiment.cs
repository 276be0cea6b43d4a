using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="SecondOrderComparison"/>: loss against loss evaluations on Rosenbrock and on the MLP, one line per method.</summary>
public sealed class SecondOrderExperiment : IExperiment
{
    public const string PlotFile = "second-order.png", CsvFile = "second-order.csv";

    /// <summary>Loss evaluations per method and problem, full and quick.</summary>
    public const int Budget = 3000, QuickBudget = 300;

    /// <summary>The Rosenbrock targets: second-order methods to <see cref="Solved"/>, first-order ones to <see cref="Close"/>.</summary>
    public const double Solved = 1e-10, Close = 1e-4;

    public ExperimentInfo Info { get; } = new("second-order", "L-BFGS and CG against SGD and Adam", Areas.Optimization,
        ["GBC §8.6", "GBC §8.6.2", "GBC §8.6.3", "Nocedal & Wright §2.1"],
        "Counting loss evaluations, L-BFGS and conjugate gradients solve Rosenbrock's ill-conditioned valley before SGD or Adam even get close, and L-BFGS ends a full-batch MLP's training lower than SGD on the same budget.",
        ["optimisation", "second-order", "l-bfgs", "conjugate gradient"], TimeSpan.FromSeconds(20));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        int budget = context.Quick ? QuickBudget : Budget;
        var traces = SecondOrderComparison.Run(budget, context.Seed);
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        foreach (var (problem, k) in new[] { (SecondOrderComparison.Rosenbrock, 0), (SecondOrderComparison.Mlp, 1) })
        {
            var plot = k == 0 ? figure.GetPlot(0) : figure.AddPlot();
            ExperimentFiles.Style(plot, problem == SecondOrderComparison.Rosenbrock ? "Rosenbrock from (−1.2, 1)" : "MLP on 500 digits, full batch",
                "loss evaluations", "log₁₀ loss");
            foreach (var (trace, i) in traces.Where(t => t.Problem == problem).Select((t, i) => (t, i)))
                ExperimentFiles.AddLine(plot, [.. trace.Evaluations.Select(e => (double)e)], [.. trace.Losses.Select(l => Math.Log10(Math.Max(l, 1e-20)))],
                    trace.Optimizer, ExperimentFiles.Palette.GetColor(i));
            plot.ShowLegend(Alignment.UpperRight);
        }
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, context.OutputDirectory, PlotFile, 1400, 600),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["problem", "method", "evaluations", "loss"],
                traces.SelectMany(t => t.Evaluations.Select((e, j) => (IReadOnlyList<double>)[t.Problem == SecondOrderComparison.Rosenbrock ? 0 : 1,
                    SecondOrderComparison.Methods.ToList().FindIndex(m => m.Name == t.Optimizer), e, t.Losses[j]]))),
        };
        var table = new Table().AddColumns("problem", "method", "evaluations", "final loss", $"evaluations to {Close:0e0}", $"evaluations to {Solved:0e0}");
        foreach (var t in traces)
            table.AddRow(t.Problem, t.Optimizer, t.Evaluations.LastOrDefault().ToString(), ExperimentFiles.Format(t.Losses.LastOrDefault(double.NaN)),
                t.EvaluationsTo(Close)?.ToString() ?? "—", t.EvaluationsTo(Solved)?.ToString() ?? "—");
        context.Console.Write(table);
        context.Console.MarkupLine("Methods in the CSV: 0 SGD, 1 Adam, 2 CG, 3 L-BFGS; problems: 0 Rosenbrock, 1 MLP.");
        return new ExperimentOutcome(files, [.. traces.Select(t => new KeyNumber($"{t.Problem}, {t.Optimizer}: final loss", t.Losses.LastOrDefault(double.NaN)))],
            Check(traces, budget));
    }

    /// <summary>
    /// On Rosenbrock, L-BFGS and CG reach <see cref="Solved"/> in fewer evaluations than SGD or Adam reach <see cref="Close"/>
    /// (never reaching it counts as more than the budget); on the MLP, L-BFGS's final loss is below SGD's.
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<EvaluationTrace> traces, int budget)
    {
        EvaluationTrace Find(string problem, string method) => traces.Single(t => t.Problem == problem && t.Optimizer == method);
        double To(string method, double target) => Find(SecondOrderComparison.Rosenbrock, method).EvaluationsTo(target) ?? budget + 1.0;
        double slowestSecond = Math.Max(To("L-BFGS", Solved), To("CG", Solved)), fastestFirst = Math.Min(To("SGD", Close), To("Adam", Close));
        double lbfgs = Find(SecondOrderComparison.Mlp, "L-BFGS").Losses[^1], sgd = Find(SecondOrderComparison.Mlp, "SGD").Losses[^1];
        string Show(double e) => e > budget ? $"more than {budget}" : e.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ClaimCheck.That(slowestSecond < fastestFirst && lbfgs < sgd,
            $"Rosenbrock: L-BFGS reaches {Solved:0e0} after {Show(To("L-BFGS", Solved))} evaluations and CG after {Show(To("CG", Solved))}; " +
            $"SGD reaches {Close:0e0} after {Show(To("SGD", Close))} and Adam after {Show(To("Adam", Close))}. MLP after {budget} evaluations: L-BFGS {ExperimentFiles.Format(lbfgs)}, SGD {ExperimentFiles.Format(sgd)}.");
    }
}

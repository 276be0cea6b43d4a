using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="EarlyStoppingCurves"/> (GBC Fig. 7.3: training and validation loss against epochs, with i*
/// marked) and <see cref="EarlyStoppingAsL2"/> (GBC §7.8: the fraction of the optimum reached along each eigen-direction
/// of a quadratic after τ steps, against the fraction L2 with α = 1/(τε) keeps); both tables as CSV.
/// </summary>
public sealed class EarlyStoppingExperiment : IExperiment
{
    public const string CurvesFile = "early-stopping.png", EquivalenceFile = "early-stopping-as-l2.png",
        CsvFile = "early-stopping.csv", EquivalenceCsvFile = "early-stopping-as-l2.csv";

    /// <summary>The step budgets τ of the quadratic.</summary>
    public static readonly int[] Budgets = [10, 100, 1000];

    /// <summary>The book's regime ελτ ≤ this; within it the matched α must lie within 10% of 1/(τε).</summary>
    public const double Regime = 0.1, AlphaTolerance = 0.1;

    public ExperimentInfo Info { get; } = new("early-stopping", "Early stopping, and early stopping as L2", Areas.Regularization,
        ["GBC Fig. 7.3", "GBC Alg. 7.1", "GBC §7.8"],
        "The validation loss passes a minimum at i* while the training loss keeps falling, early stopping returns the weights of that minimum, and on a quadratic τ steps of size ε match L2 with α ≈ 1/(τε).",
        ["regularisation", "early stopping", "weight decay", "digits"], TimeSpan.FromSeconds(10));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var run = context.Quick
            ? EarlyStoppingCurves.Run(trainSize: 100, validationSize: 300, maxEpochs: 150, patience: 20, context.Seed)
            : EarlyStoppingCurves.Run(trainSize: 150, validationSize: 800, maxEpochs: 400, patience: 50, context.Seed);
        var rows = EarlyStoppingAsL2.Run(Budgets);
        var eigenvalues = EarlyStoppingAsL2.Eigenvalues(rows[0].DescentFraction.Length);
        var files = new List<string>
        {
            SaveCurves(run, context.OutputDirectory),
            SaveEquivalence(rows, eigenvalues, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["epoch", "step", "train_loss", "validation_loss"],
                run.Epochs.Select(e => (IReadOnlyList<double>)[e.Epoch, e.Step, e.TrainLoss, e.ValidationLoss])),
            ExperimentFiles.SaveCsv(context.OutputDirectory, EquivalenceCsvFile, ["tau", "eigenvalue", "gd_fraction", "l2_fraction", "matched_alpha", "alpha_one_over_tau_eps"],
                rows.SelectMany(r => eigenvalues.Select((l, i) => (IReadOnlyList<double>)[r.Steps, l, r.DescentFraction[i], r.RidgeFraction[i], r.MatchedAlpha[i], 1 / (r.Steps * EarlyStoppingAsL2.LearningRate)]))),
        };
        var table = new Table().AddColumns("τ", "1/(τε)", "matched α, smallest λ", "max |s_GD − s_L2| where ελτ ≤ 0.1");
        foreach (var r in rows)
            table.AddRow(r.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), ExperimentFiles.Format(1 / (r.Steps * EarlyStoppingAsL2.LearningRate)),
                ExperimentFiles.Format(r.MatchedAlpha[0]), ExperimentFiles.Format(r.MaxGap(eigenvalues, EarlyStoppingAsL2.LearningRate, Regime)));
        context.Console.MarkupLine($"Early stopping: best epoch {run.BestEpoch} (i* = {run.BestStep} steps) of {run.Epochs.Count}; validation loss {ExperimentFiles.Format(run.BestValidationLoss)} at i*, {ExperimentFiles.Format(run.FinalValidationLoss)} at the end, {ExperimentFiles.Format(run.RestoredValidationLoss)} after restoring θ*.");
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("i* (steps)", run.BestStep), new("best epoch", run.BestEpoch), new("epochs run", run.Epochs.Count),
             new("best validation loss", run.BestValidationLoss), new("final validation loss", run.FinalValidationLoss),
             new("restored validation loss", run.RestoredValidationLoss), new("worst matched α·τε in the regime", WorstAlphaRatio(rows, eigenvalues))],
            Check(run, rows, eigenvalues));
    }

    /// <summary>The matched α·τε furthest from 1 over the directions with ελτ ≤ <see cref="Regime"/>, over all budgets.</summary>
    internal static double WorstAlphaRatio(IReadOnlyList<EarlyStoppingAsL2Row> rows, double[] eigenvalues) =>
        rows.SelectMany(r => eigenvalues.Select((l, i) => (Product: r.Steps * EarlyStoppingAsL2.LearningRate * l, Ratio: r.MatchedAlpha[i] * r.Steps * EarlyStoppingAsL2.LearningRate))
                .Where(p => p.Product <= Regime).Select(p => p.Ratio))
            .MaxBy(ratio => Math.Abs(ratio - 1));

    /// <summary>
    /// The validation loss has an interior minimum that is clearly below the last one, the training loss is lower at
    /// the end than at i*, the returned model has the best validation loss (θ* was restored), and on the quadratic every
    /// matched α in the book's regime is within 10% of 1/(τε).
    /// </summary>
    internal static ClaimCheck Check(EarlyStoppingRun run, IReadOnlyList<EarlyStoppingAsL2Row> rows, double[] eigenvalues)
    {
        var best = run.Epochs[run.BestEpoch - 1];
        double ratio = WorstAlphaRatio(rows, eigenvalues);
        bool curves = run.BestEpoch < run.Epochs.Count && run.FinalValidationLoss > run.BestValidationLoss * 1.05 && run.Epochs[^1].TrainLoss < best.TrainLoss;
        bool restored = Math.Abs(run.RestoredValidationLoss - run.BestValidationLoss) <= 1e-6 * Math.Max(1, run.BestValidationLoss);
        bool equivalent = Math.Abs(ratio - 1) <= AlphaTolerance;
        return ClaimCheck.That(curves && restored && equivalent,
            $"validation loss {ExperimentFiles.Format(run.BestValidationLoss)} at epoch {run.BestEpoch} (i* = {run.BestStep}), {ExperimentFiles.Format(run.FinalValidationLoss)} at epoch {run.Epochs.Count}, " +
            $"while the training loss fell from {ExperimentFiles.Format(best.TrainLoss)} to {ExperimentFiles.Format(run.Epochs[^1].TrainLoss)}; the returned model's validation loss is {ExperimentFiles.Format(run.RestoredValidationLoss)}; " +
            $"on the quadratic, where ελτ ≤ {Regime}, the matched α·τε furthest from 1 is {ExperimentFiles.Format(ratio)} (tolerance ±{AlphaTolerance}).");
    }

    private static string SaveCurves(EarlyStoppingRun run, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Early stopping (GBC Fig. 7.3)", "epoch", "cross-entropy");
        double[] epochs = [.. run.Epochs.Select(e => (double)e.Epoch)];
        ExperimentFiles.AddLine(plot, epochs, [.. run.Epochs.Select(e => e.TrainLoss)], "training", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(plot, epochs, [.. run.Epochs.Select(e => e.ValidationLoss)], "validation", ExperimentFiles.Palette.GetColor(1));
        var marker = plot.Add.VerticalLine(run.BestEpoch, color: ExperimentFiles.Palette.GetColor(2), pattern: LinePattern.Dashed);
        marker.LegendText = $"best epoch (i* = {run.BestStep} steps)";
        plot.ShowLegend(Alignment.UpperRight);
        return ExperimentFiles.SavePng(plot, directory, CurvesFile);
    }

    private static string SaveEquivalence(IReadOnlyList<EarlyStoppingAsL2Row> rows, double[] eigenvalues, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Early stopping as L2 on a quadratic (GBC §7.8)", "log₁₀ eigenvalue λ", "fraction of w* reached");
        double[] logs = [.. eigenvalues.Select(Math.Log10)];
        for (int k = 0; k < rows.Count; k++)
        {
            var color = ExperimentFiles.Palette.GetColor(k);
            ExperimentFiles.AddLine(plot, logs, rows[k].DescentFraction, $"τ = {rows[k].Steps} steps of GD", color, markerSize: 5);
            ExperimentFiles.AddLine(plot, logs, rows[k].RidgeFraction, $"L2, α = 1/(τε) = {1 / (rows[k].Steps * EarlyStoppingAsL2.LearningRate):G3}", color, LinePattern.Dashed);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return ExperimentFiles.SavePng(plot, directory, EquivalenceFile);
    }
}

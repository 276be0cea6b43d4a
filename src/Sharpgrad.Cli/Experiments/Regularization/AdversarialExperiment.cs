using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="AdversarialRobustness"/>: one image's FGSM examples at each ε with the normal model's
/// predictions (GBC Fig. 7.8 on Fashion-MNIST; digits in the quick mode), and test accuracy against ε with and without adversarial training; as CSV too.
/// </summary>
public sealed class AdversarialExperiment : IExperiment
{
    public const string ExamplesFile = "fgsm-examples.png", PlotFile = "adversarial.png", CsvFile = "adversarial.csv";

    public ExperimentInfo Info { get; } = new("adversarial", "FGSM adversarial examples and adversarial training", Areas.Regularization,
        ["GBC Fig. 7.8", "GBC §7.13", "Goodfellow, Shlens & Szegedy 2015"],
        "Small sign-of-gradient perturbations destroy a normally trained network's accuracy, and adversarial training keeps much more of it at the larger ε.",
        ["regularisation", "adversarial", "fgsm", "fashion-mnist", "digits"], TimeSpan.FromSeconds(30));   // the full run: 27 s measured on a shared 2-core machine

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = context.Quick
            ? AdversarialRobustness.Run(AdversarialRobustness.QuickData(context.Seed), epochs: 30, AdversarialRobustness.QuickEpsilons, trainingEpsilon: 0.1, context.Seed)
            : AdversarialRobustness.Run(AdversarialRobustness.FullData(), epochs: 5, AdversarialRobustness.FullEpsilons, trainingEpsilon: 0.1, context.Seed);
        var files = new List<string>
        {
            ImageGrid.SaveGreyscale(context.OutputDirectory, ExamplesFile,
                $"FGSM on a {result.Label}: predicted {string.Join(", ", result.Epsilons.Zip(result.Predictions, (e, p) => $"{p} (ε {e})"))}",
                result.Examples, columns: result.Epsilons.Length),
            SavePlot(result, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["epsilon", "accuracy_standard", "accuracy_adversarial_training", "example_prediction"],
                result.Epsilons.Select((e, i) => (IReadOnlyList<double>)[e, result.Standard[i], result.Adversarial[i], result.Predictions[i]])),
        };
        var table = new Table().AddColumns("ε", "standard training", $"adversarial training (ε {result.TrainingEpsilon})");
        for (int i = 0; i < result.Epsilons.Length; i++)
            table.AddRow(ExperimentFiles.Format(result.Epsilons[i]), ExperimentFiles.Format(result.Standard[i]), ExperimentFiles.Format(result.Adversarial[i]));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("clean accuracy, standard", result.Standard[0]), new("clean accuracy, adversarial training", result.Adversarial[0]),
             new($"accuracy at ε {result.Epsilons[^1]}, standard", result.Standard[^1]), new($"accuracy at ε {result.Epsilons[^1]}, adversarial training", result.Adversarial[^1])],
            Check(result));
    }

    /// <summary>
    /// At the largest ε the normally trained model has lost at least 30 points of its clean accuracy, and the
    /// adversarially trained one is more accurate than it at the two largest ε, by at least 10 points at the largest.
    /// </summary>
    internal static ClaimCheck Check(AdversarialResult result) => ClaimCheck.That(
        result.Standard[^1] <= result.Standard[0] - 0.3 && result.Adversarial[^2] > result.Standard[^2] && result.Adversarial[^1] >= result.Standard[^1] + 0.1,
        $"standard training: {ExperimentFiles.Format(result.Standard[0])} clean, {ExperimentFiles.Format(result.Standard[^1])} at ε {result.Epsilons[^1]}; " +
        $"adversarial training: {ExperimentFiles.Format(result.Adversarial[0])} clean, {ExperimentFiles.Format(result.Adversarial[^1])} at ε {result.Epsilons[^1]}.");

    private static string SavePlot(AdversarialResult result, string directory)
    {
        var plot = ExperimentFiles.NewPlot($"Accuracy on FGSM examples ({result.Data} MLP)", "ε (max-norm perturbation)", "test accuracy");
        ExperimentFiles.AddLine(plot, result.Epsilons, result.Standard, "standard training", ExperimentFiles.Palette.GetColor(0), markerSize: 7);
        ExperimentFiles.AddLine(plot, result.Epsilons, result.Adversarial, $"adversarial training (ε {result.TrainingEpsilon})", ExperimentFiles.Palette.GetColor(1), markerSize: 7);
        plot.Axes.SetLimits(-0.01, result.Epsilons[^1] + 0.01, 0, 1.02);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}

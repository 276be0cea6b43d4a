using ScottPlot;
using Sharpgrad.Generative;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="GanTraining"/>: sample grids every few epochs and the loss curves of both generator losses.</summary>
public sealed class GanExperiment : IExperiment
{
    public const string LossFile = "gan-losses.png", CsvFile = "gan-losses.csv", GradientFile = "gan-early-gradients.csv";

    public ExperimentInfo Info { get; } = new("gan", "DCGAN: minimax against non-saturating generator loss", Areas.Generative,
        ["GBC §20.10.4", "NYU ch21", "Radford et al. 2016"],
        "Early in training, when the discriminator rejects the generator's samples, the minimax generator loss gives a gradient at least five times smaller than the non-saturating loss does.",
        ["gan", "dcgan", "fashion-mnist"], TimeSpan.FromMinutes(20));

    /// <summary>The claim's factor: minimax gradient norm / non-saturating gradient norm below this.</summary>
    internal const double MaxGradientRatio = 0.2;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = GanTraining.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [new("early D(G(z))", r.EarlyFakeProbability), new("minimax generator gradient norm", r.MinimaxGradientNorm),
             new("non-saturating generator gradient norm", r.NonSaturatingGradientNorm),
             .. r.Runs.SelectMany(run => new KeyNumber[] { new($"{run.Loss}: final discriminator loss", run.DiscriminatorLoss[^1]), new($"{run.Loss}: final generator loss", run.GeneratorLoss[^1]) })],
            Check(r));
    }

    internal static ClaimCheck Check(GanResult r) => ClaimCheck.That(r.GradientRatio < MaxGradientRatio,
        $"with D(G(z)) = {ExperimentFiles.Format(r.EarlyFakeProbability)} on average, the generator's gradient norm is {ExperimentFiles.Format(r.MinimaxGradientNorm)} under the minimax loss " +
        $"and {ExperimentFiles.Format(r.NonSaturatingGradientNorm)} under the non-saturating one (ratio {ExperimentFiles.Format(r.GradientRatio)}).");

    public static IReadOnlyList<string> Render(GanResult r, string outputDirectory, IAnsiConsole console)
    {
        var files = new List<string>();
        foreach (var run in r.Runs)
            foreach (var snapshot in run.Snapshots)
                files.Add(ImageGrid.SaveGreyscale(outputDirectory, $"gan-{Key(run.Loss)}-epoch{snapshot.Epoch}.png",
                    $"DCGAN ({Key(run.Loss)} G loss) on {r.Data} after {snapshot.Epoch} epochs", snapshot.Samples, 8));
        var plot = ExperimentFiles.NewPlot($"DCGAN losses on {r.Data} (mean of the last 20 steps)", "step", "loss");
        for (int i = 0; i < r.Runs.Count; i++)
        {
            var run = r.Runs[i];
            var steps = Enumerable.Range(1, run.DiscriminatorLoss.Length).Select(s => (double)s).ToArray();
            ExperimentFiles.AddLine(plot, steps, ExperimentFiles.TrailingMean(run.DiscriminatorLoss, 20), $"{Key(run.Loss)}: discriminator", ExperimentFiles.Palette.GetColor(2 * i));
            ExperimentFiles.AddLine(plot, steps, ExperimentFiles.TrailingMean(run.GeneratorLoss, 20), $"{Key(run.Loss)}: generator", ExperimentFiles.Palette.GetColor(2 * i + 1), LinePattern.Dashed);
        }
        plot.ShowLegend(Alignment.UpperRight);
        files.Add(ExperimentFiles.SavePng(plot, outputDirectory, LossFile));
        files.Add(ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["step", "minimax_d", "minimax_g", "non_saturating_d", "non_saturating_g"],
            Enumerable.Range(0, r.Runs[0].DiscriminatorLoss.Length).Select(s => (IReadOnlyList<double>)
                [s + 1, r.Runs[0].DiscriminatorLoss[s], r.Runs[0].GeneratorLoss[s], r.Runs[1].DiscriminatorLoss[s], r.Runs[1].GeneratorLoss[s]])));
        files.Add(ExperimentFiles.SaveCsv(outputDirectory, GradientFile, ["early_fake_probability", "minimax_gradient_norm", "non_saturating_gradient_norm"],
            [[r.EarlyFakeProbability, r.MinimaxGradientNorm, r.NonSaturatingGradientNorm]]));
        var table = new Table().AddColumns("generator loss", "early ‖∇G‖", "final D loss", "final G loss");
        foreach (var run in r.Runs)
            table.AddRow(run.Loss.ToString(), ExperimentFiles.Format(run.Loss == GanLoss.Minimax ? r.MinimaxGradientNorm : r.NonSaturatingGradientNorm),
                ExperimentFiles.Format(run.DiscriminatorLoss[^1]), ExperimentFiles.Format(run.GeneratorLoss[^1]));
        console.Write(table);
        console.MarkupLine($"Early D(G(z)) = {ExperimentFiles.Format(r.EarlyFakeProbability)}.");
        return files;
    }

    private static string Key(GanLoss loss) => loss == GanLoss.Minimax ? "minimax" : "non-saturating";
}

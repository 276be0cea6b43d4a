using Sharpgrad.Cli.Plots;
using Sharpgrad.Data;
using Sharpgrad.IO;
using Sharpgrad.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad train</c>: trains an MLP on the bundled UCI digits (80/20 split) with the
/// <see cref="Trainer"/> and writes <c>metrics.csv</c>, <c>curves.png</c> and <c>model.safetensors</c> (plus
/// <c>checkpoint.safetensors</c> with <c>--checkpoint-every</c>) into the run folder. Parsing and validation
/// happen before this is called (see <c>Commands/TrainCommand.cs</c>); the run itself is assembled by
/// <see cref="DigitsRun"/>.
/// </summary>
public sealed class TrainJob(IAnsiConsole console)
{
    public const string ModelFileName = "model.safetensors";

    /// <summary>Histograms of every hidden ReLU layer's outputs on the test split (GBC §11.5).</summary>
    public const string ActivationsFileName = "activations.png";

    /// <summary>Fraction of the digits used for training; the rest is the test split.</summary>
    public const double TrainFraction = 0.8;

    /// <summary>SGD's momentum in <c>--optimizer sgd</c>: the usual 0.9 (GBC §8.3.2).</summary>
    public const double SgdMomentum = OptimizerKinds.Momentum;

    public TrainJob()
        : this(AnsiConsole.Console)
    {
    }

    /// <summary>Runs the job and returns the per-epoch history (also written to metrics.csv).</summary>
    public IReadOnlyList<EpochMetrics> Train(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Directory.CreateDirectory(settings.OutputDirectory);
        var (train, test) = Datasets.Digits().Split(TrainFraction, seed: settings.Seed);
        var run = DigitsRun.Create(settings);
        var (fit, validation) = run.Split(train, run.NeedsValidation);
        console.MarkupLine($"Training [bold]{run.Model.ParameterCount()}[/]-parameter MLP on {fit.Count} digits" +
                           (validation is null ? "" : $", validating on {validation.Count}") + $", testing on {test.Count}.");
        if (settings.ResumeFrom is not null)
        {
            var (epoch, step) = TrainingCheckpoint.Inspect(settings.ResumeFrom);
            console.MarkupLine($"Resuming {Markup.Escape(settings.ResumeFrom)} after epoch {epoch} (step {step}).");
        }

        EpochReporter? reporter = null;
        TrainingProgress.Track(settings.Epochs, report =>
        {
            reporter = new EpochReporter(test, run.Loss, Path.Combine(settings.OutputDirectory, MetricsCsv.FileName), report);
            run.Fit(fit, validation, [reporter]);
        }, console);
        var history = reporter!.History;

        if (run.EarlyStopping is { } stopping)
            console.MarkupLine(stopping.StoppedEpoch > 0
                ? $"Early stopping after epoch {stopping.StoppedEpoch}; kept the weights of epoch {stopping.BestEpoch} (step {stopping.BestStep})."
                : $"Early stopping did not trigger; kept the weights of the best epoch, {stopping.BestEpoch} (step {stopping.BestStep}).");
        TrainingCurvesPlot.Save(Path.Combine(settings.OutputDirectory, TrainingCurvesPlot.FileName), history);
        SaveActivationHistograms(run, test, Path.Combine(settings.OutputDirectory, ActivationsFileName));
        SafeTensors.Save(Path.Combine(settings.OutputDirectory, ModelFileName), run.Model.StateDict(),
            DigitsMlp.Metadata(settings.HiddenSizes, settings.Seed, settings.Dropout));
        var final = Trainer.Evaluate(run.Model, run.Loss, test);
        console.MarkupLine($"Final test accuracy [bold]{final.Accuracy:P2}[/]. Wrote {Markup.Escape(settings.OutputDirectory)}/" +
                           $"{{{MetricsCsv.FileName}, {TrainingCurvesPlot.FileName}, {ActivationsFileName}, {ModelFileName}}}.");
        return history;
    }

    /// <summary>
    /// One histogram per hidden ReLU layer of the trained model on the test digits, titled with the layer's dead
    /// fraction: units that output 0 for every test digit (GBC §6.3.1, §11.5).
    /// </summary>
    private static void SaveActivationHistograms(DigitsRun run, Dataset test, string path)
    {
        var (inputs, _) = test.GetBatch(Enumerable.Range(0, test.Count).ToArray());
        var panels = ActivationProbe.Record(run.Model, inputs)
            .Where(a => a.Layer is NN.ReLU)
            .Select(a => ($"layer {a.Name} (ReLU): {ActivationStatistics.DeadFraction(a.Output):P0} dead", Histogram.Of(a.Output)))
            .ToList();
        HistogramPlot.Save(path, panels);
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    public int Run(TrainSettings settings)
    {
        Train(settings);
        return 0;
    }
}

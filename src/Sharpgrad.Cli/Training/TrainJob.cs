using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Plots;
using Sharpgrad.Data;
using Sharpgrad.IO;
using Sharpgrad.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad train</c>: trains the chosen model on the chosen data set (<see cref="TrainingData"/>) with
/// the <see cref="Trainer"/> and writes <c>metrics.csv</c>, <c>curves.png</c>, <c>activations.png</c>,
/// <c>filters.png</c>, <c>confusion.png</c> and <c>model.safetensors</c> (plus <c>checkpoint.safetensors</c> with
/// <c>--checkpoint-every</c>) into the run folder. Parsing and validation happen before this is called (see
/// <c>Commands/TrainCommand.cs</c>); the run itself is assembled by <see cref="TrainingRun"/>.
/// </summary>
public sealed class TrainJob(IAnsiConsole console)
{
    public const string ModelFileName = "model.safetensors";

    /// <summary>Histograms of every hidden ReLU layer's outputs on the test split (GBC §11.5).</summary>
    public const string ActivationsFileName = "activations.png";

    /// <summary>Fraction of the digits used for training; the rest is the test split.</summary>
    public const double TrainFraction = TrainingData.DigitsTrainFraction;

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
        var data = TrainingData.Load(settings);
        Directory.CreateDirectory(settings.OutputDirectory);
        var (train, test) = (data.Train, data.Test);
        var run = TrainingRun.Create(settings);
        var (fit, validation) = run.Split(train, run.NeedsValidation);
        string dataset = OptionParsers.ChoiceName(settings.Dataset);
        console.MarkupLine($"Training [bold]{run.Model.ParameterCount()}[/]-parameter {OptionParsers.ChoiceName(settings.Model)} on {fit.Count} {dataset} images" +
                           (settings.Augment ? " (augmented)" : "") +
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
        FiltersPlot.Save(Path.Combine(settings.OutputDirectory, FiltersPlot.FileName), run.Model, data.Image);
        SafeTensors.Save(Path.Combine(settings.OutputDirectory, ModelFileName), run.Model.StateDict(), ModelMetadata.Of(settings).ToDictionary());
        var final = Trainer.Evaluate(run.Model, run.Loss, test);
        ConfusionMatrixPlot.Save(Path.Combine(settings.OutputDirectory, ConfusionMatrixPlot.FileName),
            ConfusionMatrix.Of(run.Model, test, ModelKinds.Classes), settings.Dataset.ClassNames(),
            $"{OptionParsers.ChoiceName(settings.Model)} on {dataset} test split: accuracy {final.Accuracy:P2}");
        console.MarkupLine($"Final test accuracy [bold]{final.Accuracy:P2}[/]. Wrote {Markup.Escape(settings.OutputDirectory)}/" +
                           $"{{{MetricsCsv.FileName}, {TrainingCurvesPlot.FileName}, {ActivationsFileName}, {FiltersPlot.FileName}, " +
                           $"{ConfusionMatrixPlot.FileName}, {ModelFileName}}}.");
        return history;
    }

    /// <summary>Test examples whose activations are histogrammed: all the digits, the first 2000 of a 10000-image test set (one forward pass).</summary>
    private const int MaxActivationExamples = 2000;

    /// <summary>
    /// One histogram per hidden ReLU layer of the trained model on the test images, titled with the layer's dead
    /// fraction: units that output 0 for every test image (GBC §6.3.1, §11.5).
    /// </summary>
    private static void SaveActivationHistograms(TrainingRun run, Dataset test, string path)
    {
        var (inputs, _) = test.GetBatch(Enumerable.Range(0, Math.Min(test.Count, MaxActivationExamples)).ToArray());
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

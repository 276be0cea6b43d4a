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
/// <c>--checkpoint-every</c>) into the run folder. With <c>--distributed</c> under mpirun every process trains its share
/// of each batch and rank 0 alone prints and writes (see <see cref="TrainingProcesses"/>). Parsing and validation happen before this is called (see
/// <c>Commands/TrainCommand.cs</c>); the run itself is assembled by <see cref="TrainingRun"/>.
/// </summary>
public sealed class TrainJob(IAnsiConsole output)
{
    private readonly IAnsiConsole console = output;

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
        using var processes = TrainingProcesses.Start(settings);
        bool main = processes?.IsMain ?? true; // rank 0 of a distributed run prints and writes the run folder
        var console = processes?.ConsoleFor(this.console) ?? this.console;
        var data = TrainingData.Load(settings);
        if (main)
        {
            RunFolder.Prepare(settings.OutputDirectory);
            RecordedSettings.Write(settings);
        }
        var (train, test) = (data.Train, data.Test);
        var run = TrainingRun.Create(settings, processes is null ? null : processes.Parallelize);
        var (fit, validation) = run.Split(train, run.NeedsValidation);
        string dataset = OptionParsers.ChoiceName(settings.Dataset);
        console.MarkupLine($"Training [bold]{run.Model.ParameterCount()}[/]-parameter {OptionParsers.ChoiceName(settings.Model)} on {fit.Count} {dataset} images" +
                           (settings.Augment ? " (augmented)" : "") +
                           (validation is null ? "" : $", validating on {validation.Count}") + $", testing on {test.Count}" +
                           (processes is null ? "." : $", on {processes.World.Size} processes (each batch of {settings.BatchSize} split among them)."));
        if (settings.ResumeFrom is not null)
        {
            var (epoch, step) = TrainingCheckpoint.Inspect(settings.ResumeFrom);
            console.MarkupLine($"Resuming {Markup.Escape(settings.ResumeFrom)} after epoch {epoch} (step {step}).");
        }

        EpochReporter? reporter = null;
        TrainingDivergedException? diverged = null;
        try
        {
            TrainingProgress.Track(settings.Epochs, report =>
            {
                reporter = new EpochReporter(test, run.Loss, main ? Path.Combine(settings.OutputDirectory, MetricsCsv.FileName) : null, report);
                run.Fit(fit, validation, [reporter]);
            }, console);
        }
        catch (TrainingDivergedException e)
        {
            diverged = e;
        }
        var history = reporter!.History;
        if (diverged is not null)
        {
            // The detector restored the weights of the last finished epoch; keep them and the metrics written so far.
            if (diverged.LastGoodEpoch is not null && main) WriteResults(settings, run, data, test, history);
            throw new TrainingDivergedException(DivergenceAdvice(diverged, settings), diverged.Step, diverged.Epoch, diverged.LastGoodEpoch);
        }

        if (run.EarlyStopping is { } stopping)
            console.MarkupLine(stopping.StoppedEpoch > 0
                ? $"Early stopping after epoch {stopping.StoppedEpoch}; kept the weights of epoch {stopping.BestEpoch} (step {stopping.BestStep})."
                : $"Early stopping did not trigger; kept the weights of the best epoch, {stopping.BestEpoch} (step {stopping.BestStep}).");
        if (!main) return history;
        var deadUnits = WriteResults(settings, run, data, test, history);
        var final = Trainer.Evaluate(run.Model, run.Loss, test);
        console.MarkupLine($"Final test accuracy [bold]{final.Accuracy:P2}[/]. Wrote {Markup.Escape(settings.OutputDirectory)}/" +
                           $"{{{MetricsCsv.FileName}, {TrainingCurvesPlot.FileName}, {ActivationsFileName}, {FiltersPlot.FileName}, " +
                           $"{ConfusionMatrixPlot.FileName}, {ModelFileName}}}." + DeadUnitsNote(deadUnits));
        return history;
    }

    /// <summary>The plots and the model file of the run's current weights; returns each hidden ReLU layer's dead fraction.</summary>
    private static IReadOnlyList<(string Layer, double Dead)> WriteResults(TrainSettings settings, TrainingRun run, TrainingData data, Dataset test,
        IReadOnlyList<EpochMetrics> history)
    {
        string dataset = OptionParsers.ChoiceName(settings.Dataset);
        if (history.Count > 0) TrainingCurvesPlot.Save(Path.Combine(settings.OutputDirectory, TrainingCurvesPlot.FileName), history);
        var dead = SaveActivationHistograms(run, test, Path.Combine(settings.OutputDirectory, ActivationsFileName));
        FiltersPlot.Save(Path.Combine(settings.OutputDirectory, FiltersPlot.FileName), run.Model, data.Image);
        SafeTensors.Save(Path.Combine(settings.OutputDirectory, ModelFileName), run.Model.StateDict(), ModelMetadata.Of(settings).ToDictionary(), checksum: true);
        var final = Trainer.Evaluate(run.Model, run.Loss, test);
        ConfusionMatrixPlot.Save(Path.Combine(settings.OutputDirectory, ConfusionMatrixPlot.FileName),
            ConfusionMatrix.Of(run.Model, test, ModelKinds.Classes), settings.Dataset.ClassNames(),
            $"{OptionParsers.ChoiceName(settings.Model)} on {dataset} test split: accuracy {final.Accuracy:P2}");
        return dead;
    }

    /// <summary>The one-line report of a diverged run: what happened, the usual remedies, and what was kept.</summary>
    private static string DivergenceAdvice(TrainingDivergedException e, TrainSettings settings)
    {
        string lr = settings.LearningRate.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        string kept = e.LastGoodEpoch is { } epoch
            ? $"kept metrics.csv and the model of epoch {epoch} in {settings.OutputDirectory}"
            : "no epoch finished, so no model was written";
        string clip = settings.ClipNorm is null ? " or add --clip-norm 1" : "";
        return $"{e.Message}. Try a lower --lr (this run: {lr}){clip}; {kept}.";
    }

    /// <summary>Above this share of dead hidden ReLU units the summary line warns: the network is using few of its units.</summary>
    private const double MostlyDead = 0.5;

    private static string DeadUnitsNote(IReadOnlyList<(string Layer, double Dead)> layers)
    {
        var mostlyDead = layers.Where(l => l.Dead > MostlyDead).ToList();
        if (mostlyDead.Count == 0) return "";
        return " Warning: most ReLU units are dead (output 0 for every test image) in "
            + string.Join(", ", mostlyDead.Select(l => $"layer {l.Layer} ({l.Dead:P0})"))
            + "; a lower --lr or another --optimizer may train them (GBC §6.3.1).";
    }

    /// <summary>Test examples whose activations are histogrammed: all the digits, the first 2000 of a 10000-image test set (one forward pass).</summary>
    private const int MaxActivationExamples = 2000;

    /// <summary>
    /// One histogram per hidden ReLU layer of the trained model on the test images, titled with the layer's dotted
    /// name, its type and its dead fraction ("features.1 ReLU: 12% dead"): units that output 0 for every test image (GBC §6.3.1, §11.5). Only finite activations are counted,
    /// so weights gone to NaN give a titled, empty panel rather than an error. Returns the layers' dead fractions.
    /// </summary>
    private static List<(string Layer, double Dead)> SaveActivationHistograms(TrainingRun run, Dataset test, string path)
    {
        var (inputs, _) = test.GetBatch(Enumerable.Range(0, Math.Min(test.Count, MaxActivationExamples)).ToArray());
        var relus = ActivationProbe.Record(run.Model, inputs).Where(a => a.Layer is NN.ReLU).ToList();
        var dead = relus.Select(a => (a.Name, ActivationStatistics.DeadFraction(a.Output))).ToList();
        var panels = relus.Zip(dead, (a, d) => (Title: ActivationPanelTitle(a, d.Item2), Values: FiniteValues(a.Output)))
            .Where(p => p.Values.Count > 0)
            .Select(p => (p.Title, Histogram.Of(p.Values)))
            .ToList();
        if (panels.Count > 0) HistogramPlot.Save(path, panels);
        return dead;
    }

    /// <summary>A histogram's title: the layer's dotted name as its parameters are named, its type, and its dead fraction.</summary>
    internal static string ActivationPanelTitle(LayerActivation activation, double deadFraction) =>
        $"{activation.Name} {activation.Layer.GetType().Name}: {deadFraction:P0} dead";

    /// <summary>The finite elements of <paramref name="values"/>, flattened (x − x is 0 exactly when x is finite).</summary>
    private static Tensor FiniteValues(Tensor values)
    {
        var flat = values.Detach().Reshape(-1);
        return flat.MaskedSelect((flat - flat).Eq(0));
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    public int Run(TrainSettings settings)
    {
        Train(settings);
        return 0;
    }
}

using Sharpgrad.Cli.Plots;
using Sharpgrad.Data;
using Sharpgrad.IO;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad train</c>: trains an MLP on the bundled UCI digits (80/20 split) and writes
/// <c>metrics.csv</c>, <c>curves.png</c> and <c>model.safetensors</c> into the run folder. Parsing and
/// validation happen before this is called (see <c>Commands/TrainCommand.cs</c>).
/// </summary>
public sealed class TrainJob(IAnsiConsole console)
{
    public const string ModelFileName = "model.safetensors";

    /// <summary>Fraction of the digits used for training; the rest is the test split.</summary>
    public const double TrainFraction = 0.8;

    /// <summary>SGD's momentum in <c>--optimizer sgd</c>: the usual 0.9 (GBC §8.3.2).</summary>
    public const double SgdMomentum = 0.9;

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
        var model = DigitsMlp.Build(settings.HiddenSizes, new Generator(settings.Seed));
        var optimizer = CreateOptimizer(settings, model.Parameters());
        console.MarkupLine($"Training [bold]{model.ParameterCount()}[/]-parameter MLP on {train.Count} digits, testing on {test.Count}.");

        var history = new List<EpochMetrics>();
        TrainingProgress.Run(settings.Epochs, epoch =>
        {
            model.Train();
            var loader = new DataLoader(train, settings.BatchSize, shuffle: true, seed: settings.Seed * 1_000_003L + epoch);
            foreach (var (x, y) in loader)
            {
                var loss = Losses.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
            var (trainLoss, trainAccuracy) = Metrics.Evaluate(model, train);
            var (testLoss, testAccuracy) = Metrics.Evaluate(model, test);
            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy);
            history.Add(metrics);
            MetricsCsv.Write(Path.Combine(settings.OutputDirectory, MetricsCsv.FileName), history);
            return metrics;
        }, console);

        TrainingCurvesPlot.Save(Path.Combine(settings.OutputDirectory, TrainingCurvesPlot.FileName), history);
        SafeTensors.Save(Path.Combine(settings.OutputDirectory, ModelFileName), model.StateDict(),
            DigitsMlp.Metadata(settings.HiddenSizes, settings.Seed));
        console.MarkupLine($"Final test accuracy [bold]{history[^1].TestAccuracy:P2}[/]. Wrote {Markup.Escape(settings.OutputDirectory)}/" +
                           $"{{{MetricsCsv.FileName}, {TrainingCurvesPlot.FileName}, {ModelFileName}}}.");
        return history;
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    public int Run(TrainSettings settings)
    {
        Train(settings);
        return 0;
    }

    private static Optimizer CreateOptimizer(TrainSettings settings, IEnumerable<Tensor> parameters) => settings.Optimizer switch
    {
        OptimizerKind.Sgd => new SGD(parameters, lr: settings.LearningRate, momentum: SgdMomentum),
        OptimizerKind.Adam => new Adam(parameters, lr: settings.LearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), $"train: unknown optimizer {settings.Optimizer}."),
    };
}

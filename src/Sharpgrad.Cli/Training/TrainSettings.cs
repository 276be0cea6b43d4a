using System.Globalization;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// Everything <c>sharpgrad train</c> was asked to do, already validated: the command line is parsed
/// into this record and nothing downstream looks at raw arguments again.
/// </summary>
/// <param name="Model">Architecture to build.</param>
/// <param name="Epochs">Passes over the training split; positive.</param>
/// <param name="LearningRate">Optimizer step size; positive and finite.</param>
/// <param name="BatchSize">Examples per gradient step; positive.</param>
/// <param name="Seed">Seeds the train/test split, weight initialisation and shuffling, so a run can be repeated.</param>
/// <param name="HiddenSizes">Width of each hidden layer, input side first; each positive, at least one.</param>
/// <param name="Optimizer">Update rule.</param>
/// <param name="OutputDirectory">Run folder for metrics.csv, curves.png and the saved model; may not exist yet.</param>
public sealed record TrainSettings(
    ModelKind Model,
    int Epochs,
    double LearningRate,
    int BatchSize,
    int Seed,
    IReadOnlyList<int> HiddenSizes,
    OptimizerKind Optimizer,
    string OutputDirectory)
{
    /// <summary>
    /// The run folder used when <c>--out</c> is not given: <c>runs/&lt;model&gt;-digits-&lt;yyyyMMdd-HHmmss&gt;</c>,
    /// so successive runs never overwrite each other and sort by start time.
    /// </summary>
    public static string DefaultOutputDirectory(ModelKind model, DateTime startedAt) =>
        Path.Combine(
            "runs",
            $"{model.ToString().ToLowerInvariant()}-digits-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The settings as (option, value) pairs in command-line spelling, for printing at the start of a
    /// run or saving next to its results. (A record's own ToString would print the hidden sizes as
    /// "System.Int32[]".)
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("--model", Model.ToString().ToLowerInvariant()),
        new("--epochs", Epochs.ToString(CultureInfo.InvariantCulture)),
        new("--lr", LearningRate.ToString("R", CultureInfo.InvariantCulture)),
        new("--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture)),
        new("--seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("--hidden", string.Join(",", HiddenSizes.Select(h => h.ToString(CultureInfo.InvariantCulture)))),
        new("--optimizer", Optimizer.ToString().ToLowerInvariant()),
        new("--out", OutputDirectory),
    ];
}

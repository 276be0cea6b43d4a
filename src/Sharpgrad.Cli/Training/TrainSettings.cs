using System.Globalization;
using Sharpgrad.Cli.Commands;

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
    /// λ of weight decay on the weights only (biases are in a second parameter group without decay, GBC §7.1): for
    /// SGD, Adam and the rest the gradient of the L2 penalty (λ/2)‖w‖², for AdamW its decoupled decay. Null: the
    /// optimizer's PyTorch default (0.01 for AdamW, else 0).
    /// </summary>
    public double? WeightDecay { get; init; }

    /// <summary>α of an L1 penalty α‖w‖₁ on the weights (GBC §7.1.2); 0 for none.</summary>
    public double L1 { get; init; }

    /// <summary>c of the max-norm constraint on every unit's incoming weights (GBC §7.2); null for none.</summary>
    public double? MaxNorm { get; init; }

    /// <summary>Dropout probability after every hidden ReLU (GBC §7.12); 0 for none.</summary>
    public double Dropout { get; init; }

    /// <summary>Label smoothing ε of the cross-entropy (GBC §7.5.1); 0 for none.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Patience of early stopping (GBC Alg. 7.1) on the validation loss, or null for none. Early stopping needs a
    /// validation split, so the training split is divided 80/20 into fitted and validation examples.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Write a checkpoint to the run folder every this many epochs; null for none.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>A run folder whose checkpoint to continue from (it is also the run folder of this run); null to start afresh.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>The learning-rate schedule (<c>--schedule</c>).</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>The data set to train and test on (<c>--dataset</c>).</summary>
    public DatasetKind Dataset { get; init; } = DatasetKind.Digits;

    /// <summary>The directory holding the data set's files (<c>--data-root</c>); null for its default location.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Augment the training images with random crops and, where that keeps the class, mirror images (<c>--augment</c>, GBC §7.4).</summary>
    public bool Augment { get; init; }

    /// <summary>
    /// Train on the processes mpirun started (<c>--distributed</c>; see <c>TrainingProcesses</c>). Not recorded with
    /// the run's settings: a checkpoint resumes on any number of processes.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Distributed { get; init; }

    /// <summary>Clip the gradients' global norm to this value before each step (<c>--clip-norm</c>, GBC §10.11.1).</summary>
    public double? ClipNorm { get; init; }

    /// <summary>
    /// The run folder used when <c>--out</c> is not given: <c>runs/&lt;model&gt;-&lt;dataset&gt;-&lt;yyyyMMdd-HHmmss&gt;</c>,
    /// so successive runs never overwrite each other and sort by start time.
    /// </summary>
    public static string DefaultOutputDirectory(ModelKind model, DatasetKind dataset, DateTime startedAt) =>
        Path.Combine(
            "runs",
            $"{OptionParsers.ChoiceName(model)}-{OptionParsers.ChoiceName(dataset)}-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The settings as (option, value) pairs in command-line spelling, for printing at the start of a
    /// run or saving next to its results. (A record's own ToString would print the hidden sizes as
    /// "System.Int32[]".)
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("--dataset", OptionParsers.ChoiceName(Dataset)),
        .. (DataRoot is null ? [] : new KeyValuePair<string, string>[] { new("--data-root", DataRoot) }),
        new("--model", OptionParsers.ChoiceName(Model)),
        new("--epochs", Epochs.ToString(CultureInfo.InvariantCulture)),
        new("--lr", LearningRate.ToString("R", CultureInfo.InvariantCulture)),
        new("--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture)),
        new("--seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("--hidden", string.Join(",", HiddenSizes.Select(h => h.ToString(CultureInfo.InvariantCulture)))),
        new("--optimizer", OptionParsers.ChoiceName(Optimizer)),
        new("--weight-decay", (WeightDecay ?? Optimizer.DefaultWeightDecay()).ToString("R", CultureInfo.InvariantCulture)),
        .. Optional("--l1", L1 == 0 ? null : L1),
        .. Optional("--max-norm", MaxNorm),
        .. Optional("--dropout", Dropout == 0 ? null : Dropout),
        .. Optional("--label-smoothing", LabelSmoothing == 0 ? null : LabelSmoothing),
        .. Optional("--early-stopping", EarlyStoppingPatience),
        .. Optional("--checkpoint-every", CheckpointEvery),
        .. (Augment ? new KeyValuePair<string, string>[] { new("--augment", "true") } : []),
        new("--schedule", OptionParsers.ChoiceName(Schedule)),
        .. Optional("--clip-norm", ClipNorm),
        .. (ResumeFrom is null ? [] : new KeyValuePair<string, string>[] { new("--resume", ResumeFrom) }),
        new("--out", OutputDirectory),
    ];

    /// <summary>One (option, value) pair when the value is set, none otherwise.</summary>
    private static KeyValuePair<string, string>[] Optional(string option, double? value) =>
        value is { } v ? [new(option, v.ToString("R", CultureInfo.InvariantCulture))] : [];
}

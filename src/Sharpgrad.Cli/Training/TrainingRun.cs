using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// One training run assembled from <see cref="TrainSettings"/>: the model (<see cref="ModelKinds.Build"/>), the optimiser (weight
/// decay on the weights only), the loss, the regularisers and the <see cref="Trainer"/> with its checkpoints.
/// Both <c>sharpgrad train</c> and every trial of <c>sharpgrad search</c> are built here, so they cannot drift apart.
/// </summary>
public sealed class TrainingRun
{
    /// <summary>Of the training split, the share held out for validation when a run needs a validation split.</summary>
    public const double ValidationFraction = 0.2;

    private readonly TrainSettings settings;
    private readonly List<ITrainingCallback> callbacks = [];

    private TrainingRun(TrainSettings settings, Func<Module, IDataParallel>? parallelize)
    {
        this.settings = settings;
        // Separate streams for the initial weights and the dropout masks, both from the run's seed.
        var dropoutGenerator = new Generator(settings.Seed + 1_000_003L);
        Model = settings.Model.Build(settings.Dataset.ImageShape(), settings.HiddenSizes, new Generator(settings.Seed), settings.Dropout, dropoutGenerator);
        var (weights, others) = ParameterSelection.Weights.Partition(Model);
        Optimizer = settings.Optimizer.Create(weights, others, settings.LearningRate,
            settings.WeightDecay ?? settings.Optimizer.DefaultWeightDecay());
        double smoothing = settings.LabelSmoothing;
        Loss = (logits, labels) => Losses.CrossEntropy(logits, labels, labelSmoothing: smoothing);
        Trainer = new Trainer
        {
            Penalties = settings.L1 > 0 ? [new L1Penalty(settings.L1)] : [],
            Generators = settings.Dropout > 0 ? [dropoutGenerator] : [],
            CheckpointDirectory = settings.CheckpointEvery is null ? null : settings.OutputDirectory,
            CheckpointEvery = settings.CheckpointEvery ?? 1,
            GradientHook = settings.ClipNorm is { } clip ? parameters => ClipGradients.ByNorm(parameters, clip) : null,
            DataParallel = parallelize?.Invoke(Model),
        };
        callbacks.Add(new DivergenceDetector());
        if (settings.MaxNorm is { } maxNorm) callbacks.Add(new MaxNormConstraint(maxNorm));
        if (settings.EarlyStoppingPatience is { } patience)
        {
            EarlyStopping = new EarlyStopping(patience);
            callbacks.Add(EarlyStopping);
        }
    }

    /// <summary>The run of <paramref name="settings"/>; <paramref name="parallelize"/> wraps the model for data parallelism (<c>--distributed</c>).</summary>
    public static TrainingRun Create(TrainSettings settings, Func<Module, IDataParallel>? parallelize = null)
        => new(settings ?? throw new ArgumentNullException(nameof(settings)), parallelize);

    public Sequential Model { get; }

    public Optimizer Optimizer { get; }

    /// <summary>The training loss (cross-entropy, with label smoothing when asked), also used to report validation and test loss.</summary>
    public Func<Tensor, Tensor, Tensor> Loss { get; }

    public Trainer Trainer { get; }

    /// <summary>The early-stopping callback when <see cref="TrainSettings.EarlyStoppingPatience"/> is set.</summary>
    public EarlyStopping? EarlyStopping { get; }

    /// <summary>Whether the run needs a validation split (early stopping watches the validation loss).</summary>
    public bool NeedsValidation => EarlyStopping is not null;

    /// <summary>
    /// The examples to fit and the validation split: with <paramref name="validation"/> the training split is divided
    /// 80/20 (seeded), otherwise all of it is fitted. The test split never takes part (GBC §5.3, §11.4).
    /// </summary>
    public (Dataset Fit, Dataset? Validation) Split(Dataset train, bool validation)
    {
        if (!validation) return (train, null);
        var (fit, held) = train.Split(1 - ValidationFraction, seed: settings.Seed);
        return (fit, held);
    }

    /// <summary>Trains (resuming from <see cref="TrainSettings.ResumeFrom"/> when set) with the run's callbacks and <paramref name="extra"/>.</summary>
    public TrainingHistory Fit(Dataset train, Dataset? validation, IEnumerable<ITrainingCallback> extra)
    {
        int stepsPerEpoch = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
        var schedule = settings.Schedule.Create(Optimizer, settings.Epochs, stepsPerEpoch);
        List<ITrainingCallback> all = schedule is null ? [.. callbacks, .. extra] : [.. callbacks, schedule, .. extra];
        return Trainer.Fit(Model, Loss, Optimizer, train, validation, settings.Epochs, settings.BatchSize, all,
            settings.Seed, settings.ResumeFrom);
    }
}

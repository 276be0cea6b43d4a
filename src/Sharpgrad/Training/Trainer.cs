using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Training;

/// <summary>
/// The training loop of minibatch SGD (GBC Alg. 8.1) with everything around it that the books ask for: validation
/// after every epoch, penalties added to the objective (GBC §7.1), callbacks (early stopping, logging, constraints,
/// monitors), checkpoints that resume bit-identically, and hooks for gradient clipping and learning-rate schedules.
/// <code>
/// var trainer = new Trainer { Penalties = { new L2Penalty(1e-4) }, CheckpointDirectory = "run", CheckpointEvery = 5 };
/// var history = trainer.Fit(model, (z, y) => Losses.CrossEntropy(z, y), new SGD(model.Parameters(), lr: 0.1),
///     train, validation, epochs: 30, batchSize: 32, callbacks: [new EarlyStopping(patience: 5)], seed: 0);
/// </code>
/// Per step, inside the optimiser's closure: forward → J = loss (+ Σ penalties, + auxiliary losses of the model's
/// layers) → ZeroGrad → Backward → <see cref="GradientHook"/>; then the optimiser steps. The order of the batches
/// comes from the run generator, seeded by Fit's seed and saved in checkpoints with every other source of randomness, so the same seed gives the same run and a resumed
/// run the same parameters, bit for bit, as one that was never interrupted.
/// </summary>
public sealed class Trainer
{
    /// <summary>Penalties Ω(θ) added to the objective at every step (GBC eq. 7.1), e.g. L2 or L1 on the weights.</summary>
    public IList<IPenalty> Penalties { get; init; } = [];

    /// <summary>
    /// Called with the optimiser's parameters after Backward and the OnBackwardEnd callbacks, just before each
    /// optimiser step, when every parameter's Grad holds this batch's gradient. This is where gradient clipping by
    /// norm or by value, or a guard against Inf/NaN gradients, plugs in:
    /// <c>GradientHook = ps => ClipGradients.ByNorm(ps, 1.0)</c>.
    /// </summary>
    public Action<IReadOnlyList<Tensor>>? GradientHook { get; init; }

    /// <summary>
    /// Called after every optimiser step (and the OnBatchEnd callbacks) with the number of steps taken so far: the
    /// place for per-step learning-rate schedules such as warm-up or linear decay (GBC §8.3.1).
    /// </summary>
    public Action<long>? StepSchedule { get; init; }

    /// <summary>
    /// Called at the end of each epoch, after the callbacks and before the checkpoint, with the epoch's record: the
    /// place for per-epoch schedules (step, exponential, cosine decay) and for reduce-on-plateau, which reads the
    /// record's validation loss. The learning rate it sets is saved with the optimiser in the checkpoint.
    /// </summary>
    public Action<EpochRecord>? EpochSchedule { get; init; }

    /// <summary>
    /// Generators besides the run generator whose state a checkpoint saves and a resume restores, in this order.
    /// Add the generators given to Dropout layers or other random modules; <see cref="Generator.Default"/>, which
    /// such layers use when given none, is in the list unless it is replaced.
    /// </summary>
    public IList<Generator> Generators { get; init; } = [Generator.Default];

    /// <summary>Where checkpoints are written (<see cref="TrainingCheckpoint.FileName"/>); null for no checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>A checkpoint is written after every epoch whose number is a multiple of this (and after a stop).</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>
    /// The processes this run is spread over (data parallelism, GBC §12.1.3), e.g. <c>Sharpgrad.Distributed</c>'s
    /// <c>DistributedDataParallel</c>; null trains in this process alone. Every rank calls Fit with the same arguments;
    /// Fit's batch size is then the global batch, which each epoch splits among the ranks (rank r reads positions
    /// r, r + R, … of each batch a single process would read), so the run takes the same steps as one process would,
    /// up to the order of floating-point sums, whatever the number of ranks. The gradients are averaged after
    /// Backward (before the OnBackwardEnd callbacks and <see cref="GradientHook"/>, which see the global gradient), the
    /// epoch's metrics and the validation set (also split among the ranks) are summed over the ranks, so every rank
    /// records the same history and callbacks such as early stopping decide alike; checkpoints are written by rank 0
    /// alone, and every rank waits until it is on disk. A checkpoint holds nothing that depends on the number of ranks, so
    /// a run can resume on any number of them.
    /// </summary>
    public IDataParallel? DataParallel { get; init; }

    /// <summary>The batch size used to evaluate the validation set.</summary>
    public int EvaluationBatchSize { get; init; } = 512;

    /// <summary>Trains with the ordinary objective loss(model(x), y); see the other overload.</summary>
    public TrainingHistory Fit(Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> lossFunction, Optimizer optimizer, Dataset train,
        Dataset? validation = null, int epochs = 1, int batchSize = 32, IEnumerable<ITrainingCallback>? callbacks = null,
        long seed = 0, string? resumeFrom = null, long? maxSteps = null)
    {
        ArgumentNullException.ThrowIfNull(lossFunction);
        return Fit(model, new SupervisedObjective(lossFunction), optimizer, train, validation, epochs, batchSize, callbacks,
            seed, resumeFrom, maxSteps);
    }

    /// <summary>
    /// Trains <paramref name="model"/> for up to <paramref name="epochs"/> epochs (counted from the start of the run,
    /// so a resumed run continues to the same total) and returns the per-epoch history.
    /// </summary>
    /// <param name="objective">The per-batch loss; <see cref="SupervisedObjective"/> or e.g. adversarial training.</param>
    /// <param name="validation">Evaluated after every epoch in eval mode; null to skip (validation columns are NaN).</param>
    /// <param name="seed">Seeds the run generator: the shuffling, and the noise of callbacks that draw from it.</param>
    /// <param name="resumeFrom">
    /// A directory holding a checkpoint of this run: the model, optimiser, counters, history, generators and callback
    /// states are restored from it before training continues. Call with the same data, batch size, callbacks and
    /// generators as the original run.
    /// </param>
    /// <param name="maxSteps">Stop after this many optimiser steps in total, even within an epoch (GBC Alg. 7.2).</param>
    public TrainingHistory Fit(Module<Tensor, Tensor> model, ITrainingObjective objective, Optimizer optimizer, Dataset train,
        Dataset? validation = null, int epochs = 1, int batchSize = 32, IEnumerable<ITrainingCallback>? callbacks = null,
        long seed = 0, string? resumeFrom = null, long? maxSteps = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(train);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"Trainer.Fit: epochs must be at least 1, got {epochs}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Trainer.Fit: batchSize must be at least 1, got {batchSize}.");
        if (maxSteps is < 1) throw new ArgumentOutOfRangeException(nameof(maxSteps), $"Trainer.Fit: maxSteps must be at least 1, got {maxSteps}.");
        if (train.Count == 0) throw new ArgumentException("Trainer.Fit: the training set is empty.", nameof(train));
        if (validation is { Count: 0 }) throw new ArgumentException("Trainer.Fit: the validation set is empty; pass null to train without one.", nameof(validation));
        if (CheckpointEvery < 1) throw new InvalidOperationException($"Trainer: CheckpointEvery must be at least 1, got {CheckpointEvery}.");
        if (DataParallel is not null) DataParallelBatches.Check(train.Count, batchSize, DataParallel);

        var callbackList = (callbacks ?? []).ToList();
        var checkpointStates = CheckpointStates(callbackList);
        var context = new TrainingContext(model, optimizer, objective, train, validation, epochs, batchSize, new Generator(seed));
        if (resumeFrom is not null) TrainingCheckpoint.Restore(resumeFrom, context, Generators.ToList(), checkpointStates);

        foreach (var callback in callbackList) callback.OnTrainBegin(context);
        while (!context.StopRequested && context.Epoch < epochs && !(context.Step >= maxSteps))
        {
            context.Epoch++;
            var record = RunEpoch(context, callbackList, maxSteps);
            context.History.Add(record);
            foreach (var callback in callbackList) callback.OnEpochEnd(context, record);
            EpochSchedule?.Invoke(record);
            if (CheckpointDirectory is not null && (context.Epoch % CheckpointEvery == 0 || context.StopRequested))
                SaveCheckpoint(CheckpointDirectory, context, checkpointStates);
        }
        context.History.StoppedEarly = context.StopRequested;
        foreach (var callback in callbackList) callback.OnTrainEnd(context);
        return context.History;
    }

    /// <summary>One pass over the shuffled training set, then validation.</summary>
    private EpochRecord RunEpoch(TrainingContext context, List<ITrainingCallback> callbacks, long? maxSteps)
    {
        foreach (var callback in callbacks) callback.OnEpochBegin(context);
        context.Model.Train();
        // A fresh order per epoch, seeded from the run generator: the generator's state after the draw is the
        // whole "shuffling position", so a checkpoint taken between epochs resumes with the next epoch's order.
        var running = new RunningMetrics();
        foreach (var (input, target, local, global) in Batches(context, context.Generator.NextInt64(long.MaxValue)))
        {
            if (context.Step >= maxSteps) break;
            context.BatchInput = input;
            context.BatchTarget = target;
            foreach (var callback in callbacks) callback.OnBatchBegin(context);

            // The step goes through the closure API, so methods that evaluate the loss several times per step
            // (L-BFGS, CG) train here too; a first-order optimiser runs the closure once and then steps.
            (Tensor DataLoss, Tensor Output)? first = null;
            context.Optimizer.Step(() =>
            {
                var (dataLoss, output) = context.Objective.Compute(context.Model, input, target);
                first ??= (dataLoss, output);
                var loss = AddPenalties(dataLoss, context.Model);
                context.Loss = loss;
                context.Optimizer.ZeroGrad();
                // An uneven last batch: rank r's mean loss weighs n_r/n of the global mean, and the ranks' gradients
                // are averaged (÷R), so backward goes through R·n_r/n times it (exactly 1 for equal shares).
                int ranks = DataParallel?.WorldSize ?? 1;
                (local * ranks == global ? loss : loss * ((double)local * ranks / global)).Backward();
                DataParallel?.SynchronizeGradients();
                foreach (var callback in callbacks) callback.OnBackwardEnd(context);
                GradientHook?.Invoke(context.Parameters);
                return loss;
            });
            context.Step++;
            foreach (var callback in callbacks) callback.OnBatchEnd(context);
            StepSchedule?.Invoke(context.Step);

            running.Add(first!.Value.DataLoss, first.Value.Output, target);
        }
        context.BatchInput = context.BatchTarget = context.Loss = null;
        running.SumOverRanks(DataParallel);

        var validation = context.Validation is null
            ? new EvaluationResult(double.NaN, double.NaN)
            : Evaluate(context.Model, context.Objective.LossFunction, context.Validation, EvaluationBatchSize, DataParallel);
        return new EpochRecord(context.Epoch, context.Step, running.Loss, running.Accuracy, validation.Loss,
            validation.Accuracy, context.Optimizer.Lr);
    }

    /// <summary>The epoch's batches: the whole of each in one process, this rank's share of each in a data-parallel run.</summary>
    private IEnumerable<(Tensor Input, Tensor Target, int Local, int Global)> Batches(TrainingContext context, long seed)
    {
        if (DataParallel is not null) return DataParallelBatches.Of(context.Train, context.BatchSize, seed, DataParallel);
        return new DataLoader(context.Train, context.BatchSize, shuffle: true, seed: seed)
            .Select(b => (b.Input, b.Target, b.Target.Rank == 0 ? 1 : b.Target.Size(0), b.Target.Rank == 0 ? 1 : b.Target.Size(0)));
    }

    /// <summary>Rank 0 writes (atomically, see <see cref="TrainingCheckpoint"/>); every rank then waits until the file is complete.</summary>
    private void SaveCheckpoint(string directory, TrainingContext context, List<ICheckpointable> states)
    {
        if (DataParallel is not { Rank: not 0 }) TrainingCheckpoint.Save(directory, context, Generators.ToList(), states);
        DataParallel?.Barrier();
    }

    /// <summary>J̃ = J + Σ Ω(θ) + the auxiliary losses of the model's layers (activation penalties).</summary>
    private Tensor AddPenalties(Tensor dataLoss, Module<Tensor, Tensor> model)
    {
        var total = dataLoss;
        foreach (var penalty in Penalties) total = total + penalty.Compute(model);
        foreach (var module in model.Modules())
            if (module is IAuxiliaryLoss { AuxiliaryLoss: { } term })
                total = total + term;
        return total;
    }

    private static List<ICheckpointable> CheckpointStates(List<ITrainingCallback> callbacks)
    {
        var states = callbacks.OfType<ICheckpointable>().ToList();
        var duplicate = states.GroupBy(s => s.CheckpointKey).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException(
                $"Trainer.Fit: {duplicate.Count()} callbacks share the checkpoint key '{duplicate.Key}'; give each its own key so their states do not collide.");
        return states;
    }

    /// <summary>
    /// The mean of <paramref name="lossFunction"/> over <paramref name="data"/> (each batch's mean weighted by its
    /// size) and the accuracy when the outputs are class scores [N, C] for int64 labels [N] (NaN otherwise). The
    /// model runs in eval mode without recording and is returned to its previous mode afterwards.
    /// </summary>
    public static EvaluationResult Evaluate(Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> lossFunction, Dataset data, int batchSize = 512)
        => Evaluate(model, lossFunction, data, batchSize, group: null);

    /// <summary>
    /// <see cref="Evaluate(Module{Tensor, Tensor}, Func{Tensor, Tensor, Tensor}, Dataset, int)"/>, with the examples
    /// split among the ranks of <paramref name="group"/> (rank r evaluates r, r + R, …) and the sums added over them.
    /// </summary>
    private static EvaluationResult Evaluate(Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> lossFunction, Dataset data, int batchSize,
        IDataParallel? group)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lossFunction);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("Evaluate: the dataset is empty.", nameof(data));
        using var modes = model.PreserveModes();
        model.Eval();
        using var _ = Autograd.NoGrad();
        var running = new RunningMetrics();
        var share = group is null ? data : new Subset(data, DataParallelBatches.Share(Enumerable.Range(0, data.Count).ToArray(), group.Rank, group.WorldSize));
        if (share.Count > 0)
            foreach (var (input, target) in new DataLoader(share, batchSize))
            {
                var output = model.Forward(input);
                running.Add(lossFunction(output, target), output, target);
            }
        running.SumOverRanks(group);
        return new EvaluationResult(running.Loss, running.Accuracy);
    }

    /// <summary>Example-weighted means of per-batch losses and the count of correct class predictions.</summary>
    private sealed class RunningMetrics
    {
        private double lossSum, correct;
        private long examples;
        private bool classification = true;

        public void Add(Tensor batchLoss, Tensor output, Tensor target)
        {
            int n = target.Rank == 0 ? 1 : target.Size(0);
            lossSum += batchLoss.Item() * n;
            examples += n;
            if (classification && Metrics.CorrectCount(output, target) is { } right) correct += right;
            else classification = false;
        }

        /// <summary>Adds the other ranks' sums to this one's (a collective: every rank calls it).</summary>
        public void SumOverRanks(IDataParallel? group)
        {
            if (group is null) return;
            Span<double> sums = [lossSum, correct, examples, classification ? 0 : 1];
            group.SumOverRanks(sums);
            (lossSum, correct, examples, classification) = (sums[0], sums[1], (long)sums[2], sums[3] == 0);
        }

        public double Loss => lossSum / examples;

        public double Accuracy => classification ? correct / examples : double.NaN;
    }
}

using System.Globalization;
using System.Text;
using Sharpgrad.IO;

namespace Sharpgrad.Training;

/// <summary>
/// Everything a run needs to continue bit-identically after a restart, in one safetensors file
/// (<see cref="FileName"/>) in the checkpoint directory:
/// <code>
/// model.{name}            the model's state dict (parameters and buffers)
/// optimizer.{key}         the optimiser's state dict (hyper-parameters, momentum buffers, step counts)
/// rng.run                 int64 [6]  the run generator (shuffling, weight noise), Generator.GetState
/// rng.{i}                 int64 [6]  each generator in Trainer.Generators (Generator.Default, dropout's)
/// callbacks.{key}.{name}  the state of every callback that implements ICheckpointable
/// __metadata__            format, version, epoch, step, batch_size, train_count, stopped, stop_reason, and
///                         history: the epoch records as CSV with round-trip numbers
/// </code>
/// The file is written with <see cref="SafeTensors.Save"/>, i.e. to a temporary file that is renamed over the old
/// checkpoint only once it is complete, so a run killed while saving leaves the previous checkpoint intact (plus a
/// stray ".checkpoint.safetensors.*.tmp" that resuming ignores). Loading checks the whole file and its metadata
/// before anything is restored.
/// </summary>
public static class TrainingCheckpoint
{
    public const string FileName = "checkpoint.safetensors";

    /// <summary>The value of the "format" metadata entry, which marks a file as a training checkpoint.</summary>
    public const string Format = "sharpgrad-training-checkpoint";

    private const string Version = "1";
    private const string HistoryHeader = "epoch,step,train_loss,train_accuracy,validation_loss,validation_accuracy,lr";

    /// <summary>The checkpoint file inside <paramref name="directory"/>.</summary>
    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>
    /// The epoch and step a checkpoint in <paramref name="directory"/> was written at, after checking that it is a
    /// readable checkpoint (see <see cref="Load"/> for the errors).
    /// </summary>
    public static (int Epoch, long Step) Inspect(string directory)
    {
        var file = Load(directory);
        return (ReadInt(file, "epoch"), ReadLong(file, "step"));
    }

    internal static void Save(string directory, TrainingContext context, IReadOnlyList<Generator> generators,
        IReadOnlyList<ICheckpointable> states)
    {
        Directory.CreateDirectory(directory);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, t) in context.Model.StateDict()) tensors["model." + name] = t;
        foreach (var (name, t) in context.Optimizer.StateDict()) tensors["optimizer." + name] = t;
        tensors["rng.run"] = GeneratorState(context.Generator);
        for (int i = 0; i < generators.Count; i++) tensors[$"rng.{i}"] = GeneratorState(generators[i]);
        foreach (var callback in states)
            foreach (var (name, t) in callback.StateDict())
                tensors[$"callbacks.{callback.CheckpointKey}.{name}"] = t;

        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["version"] = Version,
            ["epoch"] = Text(context.Epoch),
            ["step"] = Text(context.Step),
            ["batch_size"] = Text(context.BatchSize),
            ["train_count"] = Text(context.Train.Count),
            ["stopped"] = context.StopRequested ? "true" : "false",
            ["stop_reason"] = context.StopReason ?? "",
            ["history"] = HistoryCsv(context.History),
        };
        SafeTensors.Save(PathIn(directory), tensors, metadata, checksum: true);
    }

    /// <summary>
    /// Reads and checks the checkpoint in <paramref name="directory"/>. A missing directory raises
    /// <see cref="DirectoryNotFoundException"/>, a directory without a checkpoint <see cref="FileNotFoundException"/>,
    /// and a truncated, corrupt or foreign file <see cref="InvalidDataException"/>; each message names the path.
    /// </summary>
    internal static SafeTensorsFile Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Resume: the checkpoint directory '{directory}' does not exist.");
        string path = PathIn(directory);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Resume: '{directory}' holds no {FileName}; a run writes one only when checkpointing is on " +
                "(Trainer.CheckpointDirectory, --checkpoint-every). Temporary files left by an interrupted save are never loaded.", path);
        SafeTensorsFile file;
        try
        {
            file = SafeTensors.LoadWithMetadata(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Resume: {path} is not a complete checkpoint ({e.Message})", e);
        }
        if (!file.Metadata.TryGetValue("format", out var format) || format != Format)
            throw new InvalidDataException($"Resume: {path} is a safetensors file but not a Sharpgrad training checkpoint (metadata format is '{format}', expected '{Format}').");
        if (!file.Metadata.TryGetValue("version", out var version) || version != Version)
            throw new InvalidDataException($"Resume: {path} has checkpoint version '{version}'; this Sharpgrad reads version {Version}.");
        foreach (var key in new[] { "epoch", "step", "batch_size", "train_count", "stopped", "history" })
            if (!file.Metadata.ContainsKey(key))
                throw new InvalidDataException($"Resume: {path} lacks the metadata entry '{key}'.");
        return file;
    }

    /// <summary>Restores the run in <paramref name="context"/> from the checkpoint in <paramref name="directory"/>.</summary>
    internal static void Restore(string directory, TrainingContext context, IReadOnlyList<Generator> generators,
        IReadOnlyList<ICheckpointable> states)
    {
        var file = Load(directory);
        string path = PathIn(directory);

        // Settings that decide the order of the batches: with others, the run could not continue identically.
        int batchSize = ReadInt(file, "batch_size"), trainCount = ReadInt(file, "train_count");
        if (batchSize != context.BatchSize || trainCount != context.Train.Count)
            throw new InvalidDataException(
                $"Resume: {path} was written by a run with batch size {batchSize} on {trainCount} training examples, " +
                $"but this run has batch size {context.BatchSize} and {context.Train.Count} examples; resume with the same data and batch size.");
        int generatorCount = file.Tensors.Keys.Count(k => k.StartsWith("rng.", StringComparison.Ordinal) && k != "rng.run");
        if (generatorCount != generators.Count)
            throw new InvalidDataException(
                $"Resume: {path} holds the state of {generatorCount} generator(s) besides the run's, but Trainer.Generators has {generators.Count}; register the same generators as the original run.");
        var runState = GeneratorState(file.Tensors, "rng.run", path);
        var generatorStates = Enumerable.Range(0, generators.Count).Select(i => GeneratorState(file.Tensors, $"rng.{i}", path)).ToArray();
        var history = ParseHistory(file.Metadata["history"], path);

        try
        {
            context.Model.LoadStateDict(Section(file.Tensors, "model."));
            context.Optimizer.LoadStateDict(Section(file.Tensors, "optimizer."));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Resume: {path} does not fit this model and optimiser: {e.Message}", e);
        }
        context.Generator.SetState(runState);
        for (int i = 0; i < generators.Count; i++) generators[i].SetState(generatorStates[i]);
        foreach (var callback in states)
        {
            var state = Section(file.Tensors, $"callbacks.{callback.CheckpointKey}.");
            if (state.Count == 0)
                throw new InvalidDataException(
                    $"Resume: {path} holds no state for the callback '{callback.CheckpointKey}' ({callback.GetType().Name}); it was not part of the original run.");
            callback.LoadStateDict(state);
        }

        context.Epoch = ReadInt(file, "epoch");
        context.Step = ReadLong(file, "step");
        if (context.Epoch < 0 || context.Step < 0 || context.Epoch != history.Count)
            throw new InvalidDataException(
                $"Resume: {path} claims epoch {context.Epoch} and step {context.Step}, but holds the history of {history.Count} epoch(s); " +
                "expected a non-negative epoch equal to the epochs in its history and a non-negative step (the checkpoint was modified).");
        context.History.Clear();
        foreach (var record in history) context.History.Add(record);
        bool stopped = file.Metadata["stopped"] == "true";
        context.History.StoppedEarly = stopped;
        context.RestoreStop(stopped, file.Metadata.GetValueOrDefault("stop_reason"));
        AtomicFile.RemoveStrayTemporaries(directory, FileName); // left by a save that was killed before its rename
    }

    private static Dictionary<string, Tensor> Section(Dictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    private static Tensor GeneratorState(Generator generator) =>
        Tensor.FromArray(generator.GetState().Select(word => unchecked((long)word)).ToArray(), 6);

    private static ulong[] GeneratorState(Dictionary<string, Tensor> tensors, string key, string path)
    {
        if (!tensors.TryGetValue(key, out var state) || state.DType != DType.Int64 || state.Rank != 1 || state.Count != 6)
            throw new InvalidDataException($"Resume: {path}: '{key}' must be an int64 tensor of 6 words (Generator.GetState).");
        return state.ToArray<long>().Select(word => unchecked((ulong)word)).ToArray();
    }

    private static string HistoryCsv(TrainingHistory history)
    {
        var text = new StringBuilder(HistoryHeader).Append('\n');
        foreach (var r in history.Epochs)
            text.AppendJoin(',', Text(r.Epoch), Text(r.Step), Text(r.TrainLoss), Text(r.TrainAccuracy),
                Text(r.ValidationLoss), Text(r.ValidationAccuracy), Text(r.LearningRate)).Append('\n');
        return text.ToString();
    }

    private static List<EpochRecord> ParseHistory(string csv, string path)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != HistoryHeader)
            throw new InvalidDataException($"Resume: {path}: the history metadata must start with '{HistoryHeader}'.");
        var records = new List<EpochRecord>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length != 7
                || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch)
                || !long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long step)
                || !TryNumber(f[2], out double trainLoss) || !TryNumber(f[3], out double trainAccuracy)
                || !TryNumber(f[4], out double validationLoss) || !TryNumber(f[5], out double validationAccuracy)
                || !TryNumber(f[6], out double lr))
                throw new InvalidDataException($"Resume: {path}: malformed history row '{line}'.");
            records.Add(new EpochRecord(epoch, step, trainLoss, trainAccuracy, validationLoss, validationAccuracy, lr));
        }
        return records;
    }

    private static int ReadInt(SafeTensorsFile file, string key) =>
        int.TryParse(file.Metadata[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"Resume: the checkpoint's metadata '{key}' = '{file.Metadata[key]}' is not an integer.");

    private static long ReadLong(SafeTensorsFile file, string key) =>
        long.TryParse(file.Metadata[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new InvalidDataException($"Resume: the checkpoint's metadata '{key}' = '{file.Metadata[key]}' is not an integer.");

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

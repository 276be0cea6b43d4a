using Sharpgrad.IO;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

/// <summary>Checkpoints: bit-identical resume, atomic saves, and clear errors for anything resume must not load.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sharpgrad-ckpt-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Dir(string name) => Path.Combine(root, name);

    /// <summary>
    /// One run with every source of state the trainer must carry across a restart: Adam's moments and step counts,
    /// a dropout mask generator, weight noise drawn from the run generator, the shuffling, an L2 penalty, a max-norm
    /// projection, and early stopping's best value, counter and best weights.
    /// </summary>
    private static (Sequential Model, TrainingHistory History, Adam Optimizer, EarlyStopping Stopping) Run(
        int epochs, long initSeed, long dropoutSeed, string? checkpointDirectory, string? resumeFrom, string? csv = null)
    {
        var dropoutGenerator = new Generator(dropoutSeed);
        var model = SmallProblems.Mlp(initSeed, dropout: 0.3, dropoutGenerator: dropoutGenerator);
        var optimizer = new Adam(model.Parameters(), lr: 0.02);
        var stopping = new EarlyStopping(patience: 100);
        var trainer = new Trainer
        {
            Penalties = { new L2Penalty(1e-3) },
            Generators = [dropoutGenerator],
            CheckpointDirectory = checkpointDirectory,
            CheckpointEvery = 3,
        };
        List<ITrainingCallback> callbacks = [new WeightNoise(0.01), new MaxNormConstraint(1.5), stopping];
        if (csv is not null) callbacks.Add(new CsvLogger(csv));
        var history = trainer.Fit(model, SmallProblems.CrossEntropy, optimizer, SmallProblems.Blobs(50, seed: 1),
            SmallProblems.Blobs(20, seed: 2), epochs, batchSize: 8, callbacks, seed: 11, resumeFrom: resumeFrom);
        return (model, history, optimizer, stopping);
    }

    [Fact]
    public void AResumedRunIsBitIdenticalToAnUninterruptedOne()
    {
        var uninterrupted = Run(epochs: 6, initSeed: 3, dropoutSeed: 4, checkpointDirectory: null, resumeFrom: null);

        var csv = Path.Combine(root, "log.csv");
        var firstHalf = Run(epochs: 3, initSeed: 3, dropoutSeed: 4, checkpointDirectory: Dir("run"), resumeFrom: null, csv);
        Assert.Equal((3, 21L), TrainingCheckpoint.Inspect(Dir("run"))); // ⌈50/8⌉ = 7 steps per epoch
        // A different initialisation and dropout seed prove that everything comes from the checkpoint.
        var resumed = Run(epochs: 6, initSeed: 99, dropoutSeed: 98, checkpointDirectory: Dir("run"), resumeFrom: Dir("run"), csv);

        Assert.Equal(SmallProblems.Bits(uninterrupted.Model), SmallProblems.Bits(resumed.Model));
        Assert.Equal(uninterrupted.History.Epochs, resumed.History.Epochs);
        var expectedState = uninterrupted.Optimizer.StateDict();
        var resumedState = resumed.Optimizer.StateDict();
        Assert.Equal(expectedState.Keys.Order(), resumedState.Keys.Order());
        foreach (var (key, value) in expectedState)
            Assert.Equal(value.ToDoubleArray(), resumedState[key].ToDoubleArray());
        Assert.Equal(uninterrupted.Stopping.BestEpoch, resumed.Stopping.BestEpoch);
        Assert.Equal(uninterrupted.Stopping.BestStep, resumed.Stopping.BestStep);
        Assert.Equal(7, File.ReadAllLines(csv).Length); // the CSV holds all six epochs, not only those after the resume
        Assert.Equal(3, firstHalf.History.Epochs.Count);
    }

    [Fact]
    public void AResumedRunThatEarlyStoppingHadFinishedOnlyRestoresTheBestWeights()
    {
        double[] curve = [3, 2, 2.5, 2.6, 9, 9];
        var scripted = new TrainingMetric("scripted", r => curve[r.Epoch - 1], HigherIsBetter: false);
        Sequential Fit(string? resume)
        {
            var model = SmallProblems.Mlp(seed: 3);
            new Trainer { CheckpointDirectory = Dir("stopped"), CheckpointEvery = 100, Generators = [] }.Fit(model, SmallProblems.CrossEntropy,
                new SGD(model.Parameters(), lr: 0.1), SmallProblems.Blobs(20, seed: 1), epochs: 6, batchSize: 10,
                callbacks: [new EarlyStopping(patience: 2, monitor: scripted)], resumeFrom: resume);
            return model;
        }

        var finished = Fit(resume: null);
        Assert.Equal(4, TrainingCheckpoint.Inspect(Dir("stopped")).Epoch); // saved when the stop was requested
        Assert.Equal(SmallProblems.Bits(finished), SmallProblems.Bits(Fit(resume: Dir("stopped"))));
    }

    [Fact]
    public void ASaveKilledHalfwayLeavesThePreviousCheckpointLoadable()
    {
        Run(epochs: 3, initSeed: 3, dropoutSeed: 4, checkpointDirectory: Dir("run"), resumeFrom: null);
        string checkpoint = TrainingCheckpoint.PathIn(Dir("run"));
        byte[] complete = File.ReadAllBytes(checkpoint);

        // The checkpoint is written through AtomicFile; a writer that dies after half the bytes...
        Assert.Throws<IOException>(() => AtomicFile.Write(checkpoint, stream =>
        {
            stream.Write(complete.AsSpan(0, complete.Length / 2));
            throw new IOException("simulated crash in the middle of a checkpoint");
        }));
        // ...leaves the old file untouched and cleans up its temporary file.
        Assert.Equal(complete, File.ReadAllBytes(checkpoint));
        Assert.Equal([TrainingCheckpoint.FileName], Directory.GetFiles(Dir("run")).Select(Path.GetFileName));

        // A process killed outright cannot clean up: its half-written temporary file stays, and resume ignores it.
        File.WriteAllBytes(Path.Combine(Dir("run"), $".{TrainingCheckpoint.FileName}.0123456789abcdef.tmp"), complete[..(complete.Length / 2)]);
        Assert.Equal((3, 21L), TrainingCheckpoint.Inspect(Dir("run")));
        var resumed = Run(epochs: 4, initSeed: 99, dropoutSeed: 98, checkpointDirectory: null, resumeFrom: Dir("run"));
        Assert.Equal(4, resumed.History.Epochs.Count);
    }

    [Fact]
    public void ATruncatedOrForeignCheckpointIsRejectedWithItsPath()
    {
        Run(epochs: 3, initSeed: 3, dropoutSeed: 4, checkpointDirectory: Dir("run"), resumeFrom: null);
        string checkpoint = TrainingCheckpoint.PathIn(Dir("run"));
        byte[] complete = File.ReadAllBytes(checkpoint);

        // A checkpoint copied non-atomically by some other tool, and cut short.
        File.WriteAllBytes(checkpoint, complete[..(complete.Length - 100)]);
        var truncated = Assert.Throws<InvalidDataException>(() => Run(epochs: 4, 99, 98, null, resumeFrom: Dir("run")));
        Assert.Contains(checkpoint, truncated.Message);
        Assert.Contains("not a complete checkpoint", truncated.Message);

        // A valid safetensors file that is a model, not a checkpoint.
        SmallProblems.Mlp(seed: 1).Save(checkpoint);
        var foreign = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Inspect(Dir("run")));
        Assert.Contains("not a Sharpgrad training checkpoint", foreign.Message);
    }

    [Fact]
    public void AMissingOrEmptyResumeDirectoryIsAClearError()
    {
        var missing = Assert.Throws<DirectoryNotFoundException>(() => Run(epochs: 2, 3, 4, null, resumeFrom: Dir("nowhere")));
        Assert.Contains(Dir("nowhere"), missing.Message);
        Assert.Contains("does not exist", missing.Message);

        Directory.CreateDirectory(Dir("empty"));
        var empty = Assert.Throws<FileNotFoundException>(() => Run(epochs: 2, 3, 4, null, resumeFrom: Dir("empty")));
        Assert.Contains("holds no checkpoint.safetensors", empty.Message);
    }

    [Fact]
    public void ResumingWithAnotherModelOrBatchSizeIsRejectedBeforeTraining()
    {
        Run(epochs: 3, initSeed: 3, dropoutSeed: 4, checkpointDirectory: Dir("run"), resumeFrom: null);

        var wider = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
        var shape = Assert.Throws<InvalidDataException>(() => new Trainer { Generators = [new Generator()] }.Fit(wider, SmallProblems.CrossEntropy,
            new Adam(wider.Parameters()), SmallProblems.Blobs(50, seed: 1), epochs: 4, batchSize: 8,
            callbacks: [new EarlyStopping(patience: 100)], resumeFrom: Dir("run")));
        Assert.Contains("does not fit this model", shape.Message);

        var model = SmallProblems.Mlp(seed: 3);
        var batch = Assert.Throws<InvalidDataException>(() => new Trainer { Generators = [new Generator()] }.Fit(model, SmallProblems.CrossEntropy,
            new Adam(model.Parameters()), SmallProblems.Blobs(50, seed: 1), epochs: 4, batchSize: 16, resumeFrom: Dir("run")));
        Assert.Contains("batch size 8", batch.Message);
    }
}

using System.Globalization;
using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// The <see cref="Trainer"/> with <c>DataParallel = ddp</c>, in float64. On R ranks: an uninterrupted run of 4 epochs;
/// a run of 2 epochs that writes a checkpoint (rank 0 only) into the given directory; a run resumed from it to 4
/// epochs. Rank 0 also trains alone, without data parallelism, from the same initial weights. The data (91 examples,
/// batch 20, 15 validation examples) makes the last batch and the validation set split unevenly over 2 ranks.
/// With "resume-only" the program resumes the checkpoint in the directory on however many ranks it was started with.
/// </summary>
internal static class TrainerCheckpointScenario
{
    private const int Examples = 91, Validation = 15, Features = 5, Classes = 3, Batch = 20, Epochs = 4;

    public static void Run(Communicator world, string directory, bool resumeOnly)
    {
        var (train, validation) = Data();
        if (!resumeOnly)
        {
            var (full, history) = Fit(world, train, validation, epochs: Epochs, checkpoint: null, resume: null);
            Report.Values(world, "uninterrupted", full);
            Report.Line(world, "uninterrupted-train-loss", Losses(history));
            _ = Fit(world, train, validation, epochs: 2, checkpoint: directory, resume: null);
            Report.Line(world, "checkpoint-files", string.Join(' ', Directory.GetFiles(directory).Select(Path.GetFileName).Order()));
            if (world.IsMain)
            {
                var (single, singleHistory) = FitAlone(train, validation);
                Report.Line(world, "alone-max-difference", MaxDifference(full, single));
                Report.Line(world, "alone-train-loss", Losses(singleHistory));
                Report.Line(world, "max-parameter", full.Abs().Max().Item<double>().ToString("R", CultureInfo.InvariantCulture));
            }
        }
        var (resumed, resumedHistory) = Fit(world, train, validation, epochs: Epochs, checkpoint: null, resume: directory);
        Report.Values(world, "resumed", resumed);
        Report.Line(world, "resumed-train-loss", Losses(resumedHistory));
    }

    private static (Tensor Parameters, TrainingHistory History) Fit(Communicator world, Dataset train, Dataset validation, int epochs, string? checkpoint, string? resume)
    {
        var model = Model(seed: 100 + world.Rank); // DistributedDataParallel replaces these with rank 0's
        var ddp = new DistributedDataParallel(model, world);
        var trainer = new Trainer { DataParallel = ddp, CheckpointDirectory = checkpoint, Generators = [] };
        var history = trainer.Fit(model, Loss, Optimizer(model), train, validation, epochs, Batch, seed: 7, resumeFrom: resume);
        return (Flatten(model), history);
    }

    private static (Tensor Parameters, TrainingHistory History) FitAlone(Dataset train, Dataset validation)
    {
        var model = Model(seed: 100);
        var history = new Trainer { Generators = [] }.Fit(model, Loss, Optimizer(model), train, validation, Epochs, Batch, seed: 7);
        return (Flatten(model), history);
    }

    private static Tensor Loss(Tensor output, Tensor target) => Sharpgrad.NN.Losses.CrossEntropy(output, target);

    private static SGD Optimizer(Module model) => new(model.Parameters(), lr: 0.2, momentum: 0.9);

    private static (TensorDataset Train, TensorDataset Validation) Data()
    {
        var x = Tensor.Randn([Examples + Validation, Features], DType.Float64, new Generator(21));
        var y = x.MatMul(Tensor.Randn([Features, Classes], DType.Float64, new Generator(22))).ArgMax(1);
        var all = new TensorDataset(x, y);
        var trainPart = all.GetBatch([.. Enumerable.Range(0, Examples)]);
        var validationPart = all.GetBatch([.. Enumerable.Range(Examples, Validation)]);
        return (new TensorDataset(trainPart.Input, trainPart.Target), new TensorDataset(validationPart.Input, validationPart.Target));
    }

    private static Sequential Model(long seed)
    {
        var generator = new Generator(seed);
        return new Sequential(new Linear(Features, 8, dtype: DType.Float64, generator: generator), new Tanh(),
            new Linear(8, Classes, dtype: DType.Float64, generator: generator));
    }

    private static string Losses(TrainingHistory history)
        => string.Join(' ', history.Epochs.Select(e => $"{e.TrainLoss.ToString("R", CultureInfo.InvariantCulture)}/{e.ValidationAccuracy.ToString("R", CultureInfo.InvariantCulture)}"));

    private static string MaxDifference(Tensor a, Tensor b) => (a - b).Abs().Max().Item<double>().ToString("R", CultureInfo.InvariantCulture);

    private static Tensor Flatten(Module model) => Tensor.Cat([.. model.Parameters().Select(p => p.Detach().Reshape(-1))]);
}

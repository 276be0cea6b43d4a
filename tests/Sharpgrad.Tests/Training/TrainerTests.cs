using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void FitLearnsTheBlobsAndRecordsOneRowPerEpoch()
    {
        var train = SmallProblems.Blobs(120, seed: 1);
        var validation = SmallProblems.Blobs(60, seed: 2);
        var model = SmallProblems.Mlp(seed: 3);
        var history = new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1, momentum: 0.9),
            train, validation, epochs: 5, batchSize: 16);

        Assert.Equal([1, 2, 3, 4, 5], history.Epochs.Select(r => r.Epoch));
        // ⌈120/16⌉ = 8 steps per epoch.
        Assert.Equal([8L, 16, 24, 32, 40], history.Epochs.Select(r => r.Step));
        Assert.All(history.Epochs, r => Assert.Equal(0.1, r.LearningRate));
        Assert.False(history.StoppedEarly);
        // The blobs are separable up to the overlap of N(±1, 0.7²): the Bayes error is Φ(−1/0.7·√2) ≈ 2.3%.
        Assert.True(history.Last.ValidationAccuracy >= 0.9, $"validation accuracy {history.Last.ValidationAccuracy}");
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss);
        // Evaluate agrees with the last record, which was measured the same way.
        var evaluation = Trainer.Evaluate(model, SmallProblems.CrossEntropy, validation);
        Assert.Equal(history.Last.ValidationLoss, evaluation.Loss, 12);
        Assert.Equal(history.Last.ValidationAccuracy, evaluation.Accuracy);
    }

    [Fact]
    public void WithoutValidationOrClassScoresTheUnmeasuredColumnsAreNaN()
    {
        // Regression: outputs [N, 1] and float targets have no accuracy.
        var x = Tensor.Randn([32, 3], DType.Float32, new Generator(0));
        var y = x.Sum(1, keepdim: true);
        var model = new Linear(3, 1, generator: new Generator(1));
        var history = new Trainer().Fit(model, (o, t) => Losses.MSE(o, t), new SGD(model.Parameters(), lr: 0.05),
            new TensorDataset(x, y), epochs: 2, batchSize: 8);

        Assert.All(history.Epochs, r =>
        {
            Assert.True(double.IsNaN(r.TrainAccuracy));
            Assert.True(double.IsNaN(r.ValidationLoss));
            Assert.True(double.IsNaN(r.ValidationAccuracy));
            Assert.False(double.IsNaN(r.TrainLoss));
        });
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunAndAnotherSeedADifferentOrder()
    {
        Dictionary<string, int[]> Run(long seed)
        {
            var model = SmallProblems.Mlp(seed: 3);
            new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1), SmallProblems.Blobs(50, seed: 1),
                epochs: 2, batchSize: 8, seed: seed);
            return SmallProblems.Bits(model);
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7)["0.weight"], Run(8)["0.weight"]);
    }

    [Fact]
    public void TheGradientHookRunsBeforeEachStep()
    {
        // A hook that zeroes every gradient leaves plain SGD nothing to do, so the parameters must not move.
        var model = SmallProblems.Mlp(seed: 3);
        var before = SmallProblems.Bits(model);
        int calls = 0;
        var trainer = new Trainer
        {
            GradientHook = parameters =>
            {
                calls++;
                Assert.All(parameters, p => Assert.NotNull(p.Grad));
                using var _ = Autograd.NoGrad();
                foreach (var p in parameters) p.Grad!.Zero();
            },
        };
        trainer.Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.5), SmallProblems.Blobs(40, seed: 1), epochs: 2, batchSize: 10);

        Assert.Equal(8, calls);
        Assert.Equal(before, SmallProblems.Bits(model));
    }

    [Fact]
    public void SchedulesSeeEveryStepAndEpochAndTheirLearningRateIsRecorded()
    {
        var model = SmallProblems.Mlp(seed: 3);
        var optimizer = new SGD(model.Parameters(), lr: 0.8);
        var steps = new List<long>();
        var monitor = new LearningRateMonitor();
        var trainer = new Trainer
        {
            StepSchedule = step => steps.Add(step),
            EpochSchedule = record => optimizer.Lr /= 2, // step decay ×½ per epoch
        };
        var history = trainer.Fit(model, SmallProblems.CrossEntropy, optimizer, SmallProblems.Blobs(30, seed: 1), epochs: 3,
            batchSize: 10, callbacks: [monitor]);

        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), steps);
        // Each epoch ran at the rate set by the previous epoch's schedule call.
        Assert.Equal([0.8, 0.4, 0.2], history.Epochs.Select(r => r.LearningRate));
        Assert.Equal([0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2], monitor.Entries.Select(e => e.Rates.Single()));
        Assert.Equal(0.1, optimizer.Lr);
    }

    [Fact]
    public void CallbacksRunInTheDocumentedOrder()
    {
        var events = new List<string>();
        var callback = new LambdaCallback
        {
            TrainBegin = _ => events.Add("train-begin"),
            EpochBegin = c => events.Add($"epoch-begin {c.Epoch}"),
            BatchBegin = c => events.Add($"batch-begin {c.Step}"),
            BackwardEnd = c => events.Add($"backward-end {c.Step} loss={c.Loss is not null}"),
            BatchEnd = c => events.Add($"batch-end {c.Step}"),
            EpochEnd = (c, r) => events.Add($"epoch-end {r.Epoch} history={c.History.Epochs.Count}"),
            TrainEnd = _ => events.Add("train-end"),
        };
        var model = SmallProblems.Mlp(seed: 3);
        new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1), SmallProblems.Blobs(4, seed: 1),
            epochs: 2, batchSize: 2, callbacks: [callback]);

        Assert.Equal(
        [
            "train-begin",
            "epoch-begin 1", "batch-begin 0", "backward-end 0 loss=True", "batch-end 1", "batch-begin 1", "backward-end 1 loss=True", "batch-end 2", "epoch-end 1 history=1",
            "epoch-begin 2", "batch-begin 2", "backward-end 2 loss=True", "batch-end 3", "batch-begin 3", "backward-end 3 loss=True", "batch-end 4", "epoch-end 2 history=2",
            "train-end",
        ], events);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheirNames()
    {
        var model = SmallProblems.Mlp(seed: 3);
        var optimizer = new SGD(model.Parameters(), lr: 0.1);
        var data = SmallProblems.Blobs(10, seed: 1);
        var trainer = new Trainer();

        Assert.Contains("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(model, SmallProblems.CrossEntropy, optimizer, data, epochs: 0)).Message);
        Assert.Contains("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(model, SmallProblems.CrossEntropy, optimizer, data, batchSize: 0)).Message);
        Assert.Contains("validation set is empty", Assert.Throws<ArgumentException>(() =>
            trainer.Fit(model, SmallProblems.CrossEntropy, optimizer, data, new Subset(data, []))).Message);
    }

    [Fact]
    public void CsvLoggerRewritesTheWholeHistoryEveryEpoch()
    {
        var dir = Directory.CreateTempSubdirectory("sharpgrad-csv-").FullName;
        try
        {
            var path = Path.Combine(dir, "log.csv");
            var model = SmallProblems.Mlp(seed: 3);
            var rowsSeen = new List<int>();
            var reader = new LambdaCallback { EpochEnd = (_, _) => rowsSeen.Add(File.ReadAllLines(path).Length - 1) };
            var history = new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1),
                SmallProblems.Blobs(20, seed: 1), epochs: 3, batchSize: 10, callbacks: [new CsvLogger(path), reader]);

            Assert.Equal([1, 2, 3], rowsSeen);
            var lines = File.ReadAllLines(path);
            Assert.Equal(CsvLogger.Header, lines[0]);
            var last = lines[3].Split(',');
            Assert.Equal("3", last[0]);
            Assert.Equal("6", last[1]);
            Assert.Equal(history.Last.TrainLoss, double.Parse(last[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("", last[4]); // no validation set: the column is empty rather than "NaN"
            Assert.Equal(["log.csv"], Directory.GetFiles(dir).Select(Path.GetFileName)); // no temporary files left
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

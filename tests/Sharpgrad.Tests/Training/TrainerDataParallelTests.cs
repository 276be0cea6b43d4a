using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

/// <summary>
/// The Trainer's data-parallel seam (<see cref="IDataParallel"/>) in one process, with a stand-in for the other ranks;
/// the runs across real processes are in tests/Sharpgrad.Tests/Distributed/TrainerCheckpointTests.cs.
/// </summary>
public sealed class TrainerDataParallelTests
{
    /// <summary>Rank <paramref name="rank"/> of <paramref name="size"/>, pretending every other rank holds the same sums as this one.</summary>
    private sealed class StandIn(int rank, int size) : IDataParallel
    {
        public int Rank => rank;
        public int WorldSize => size;
        public int Synchronizations { get; private set; }
        public int Barriers { get; private set; }
        public void SynchronizeGradients() => Synchronizations++;
        public void SumOverRanks(Span<double> values)
        {
            for (int i = 0; i < values.Length; i++) values[i] *= size;
        }
        public void Barrier() => Barriers++;
    }

    [Fact]
    public void ARankReadsEveryRanksShareOfTheBatchInterleaved()
    {
        Assert.Equal([10, 12, 14], DataParallelBatches.Share([10, 11, 12, 13, 14], rank: 0, size: 2));
        Assert.Equal([11, 13], DataParallelBatches.Share([10, 11, 12, 13, 14], rank: 1, size: 2));
        Assert.Equal([12], DataParallelBatches.Share([10, 11, 12, 13, 14], rank: 2, size: 3));
    }

    [Fact]
    public void AWorldOfOneTrainsBitForBitLikeNoDataParallelism()
    {
        var (alone, _) = Train(null);
        var group = new StandIn(0, 1);
        var (single, _) = Train(group);
        Assert.Equal(alone, single);
        Assert.Equal(6, group.Synchronizations); // 2 epochs × ⌈10 / 4⌉ batches
    }

    [Fact]
    public void OnlyRankZeroWritesCheckpointsAndEveryRankWaitsForThem()
    {
        string directory = Path.Combine(Path.GetTempPath(), "sharpgrad-dp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var other = new StandIn(1, 2);
            Train(other, directory);
            Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(), "rank 1 wrote into the checkpoint directory");
            Assert.Equal(2, other.Barriers); // one per checkpoint, so no rank runs ahead of the file

            var main = new StandIn(0, 2);
            Train(main, directory);
            Assert.True(File.Exists(TrainingCheckpoint.PathIn(directory)));
            Assert.Equal(2, main.Barriers);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ABatchThatLeavesARankWithoutExamplesIsRefusedWithTheNumbers()
    {
        // 10 examples in batches of 4: the last batch holds 2, fewer than 3 ranks.
        var e = Assert.Throws<ArgumentException>(() => Train(new StandIn(0, 3)));
        Assert.Contains("3 ranks", e.Message);
        Assert.Contains("batch size 4 and 10 training examples the last batch holds only 2", e.Message);
    }

    private static (double[] Parameters, TrainingHistory History) Train(IDataParallel? group, string? checkpoint = null)
    {
        var x = Tensor.Randn([10, 3], DType.Float64, new Generator(1));
        var data = new TensorDataset(x, x.Sum(1).Gt(0).Long());
        var model = new Sequential(new Linear(3, 2, dtype: DType.Float64, generator: new Generator(2)));
        var trainer = new Trainer { DataParallel = group, CheckpointDirectory = checkpoint, Generators = [] };
        var history = trainer.Fit(model, (z, y) => Losses.CrossEntropy(z, y), new SGD(model.Parameters(), lr: 0.5), data,
            epochs: 2, batchSize: 4, seed: 3);
        return ([.. model.Parameters().SelectMany(p => p.ToDoubleArray())], history);
    }
}

using Sharpgrad.Distributed;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Normalization;

/// <summary>
/// A stand-in for a world of two ranks whose batches are identical: the sum over the ranks of a local statistic is
/// twice it. Written as a tensor op, so backward doubles too, which is the allreduce's backward when both ranks'
/// losses are the same function of the sums.
/// </summary>
internal sealed class DuplicatedBatch : IBatchStatisticsSync
{
    public int WorldSize => 2;

    public Tensor SumOverProcesses(Tensor local) => local * 2;
}

/// <summary>
/// Synchronised batch norm's arithmetic in one process, through a stand-in world (<see cref="DuplicatedBatch"/>):
/// a batch x normalised "with a twin rank holding x" must give what BatchNorm2d gives on the batch [x; x]. The runs
/// across real processes are in tests/Sharpgrad.Tests/Distributed/SyncBatchNormTests.cs.
/// </summary>
public sealed class SynchronizedBatchNormTests
{
    [Fact]
    public void ABatchAndItsTwinNormaliseLikeTheDoubledBatch()
    {
        var x = (Tensor.Randn([5, 3, 2, 2], DType.Float64, new Generator(1)) * 2 + 3).RequireGrad();
        var c = Tensor.Randn([5, 3, 2, 2], DType.Float64, new Generator(2));
        var synced = Affine(new BatchNorm2d(3, dtype: DType.Float64) { StatisticsSync = new DuplicatedBatch() });
        var y = synced.Forward(x);
        (y * c).Sum().Backward();

        var doubled = Tensor.Cat([x.Detach(), x.Detach()]).RequireGrad();
        var reference = Affine(new BatchNorm2d(3, dtype: DType.Float64));
        var yy = reference.Forward(doubled);
        (yy * Tensor.Cat([c, c])).Sum().Backward();

        AssertClose(yy.Narrow(0, 0, 5), y);
        AssertClose(doubled.Grad!.Narrow(0, 0, 5), x.Grad!);
        AssertClose(reference.Weight!.Grad!, synced.Weight!.Grad! * 2); // the twin's share arrives by DDP's allreduce
        AssertClose(reference.Bias!.Grad!, synced.Bias!.Grad! * 2);
        AssertClose(reference.RunningMean!, synced.RunningMean!);
        AssertClose(reference.RunningVar!, synced.RunningVar!); // unbiased over m = 2·20 values
        Assert.True((reference.RunningVar! - 1).Abs().Max().Item<double>() > 0.1);
        Assert.True(x.Grad!.Abs().Max().Item<double>() > 0.01);
    }

    [Fact]
    public void EvaluationUsesTheRunningStatisticsWithoutTheSync()
    {
        var layer = new BatchNorm1d(2, dtype: DType.Float64) { StatisticsSync = new ThrowingSync() };
        layer.Eval();
        var x = Tensor.From(new[,] { { 1.0, 2.0 }, { 3.0, 5.0 } });
        Assert.Equal(x.Detach().ToDoubleArray().Select(v => v / Math.Sqrt(1 + 1e-5)), layer.Forward(x).ToDoubleArray());
    }

    [Fact]
    public void InAWorldOfOneSyncBatchNormIsBatchNormBitForBit()
    {
        var x = Tensor.Randn([4, 3, 5], DType.Float64, new Generator(3));
        var sync = new SyncBatchNorm(3, processGroup: Communicator.World, dtype: DType.Float64);
        var plain = new BatchNorm1d(3, dtype: DType.Float64);
        Assert.Equal(plain.Forward(x).ToDoubleArray(), sync.Forward(x).ToDoubleArray());
        Assert.Equal(plain.RunningVar!.ToDoubleArray(), sync.RunningVar!.ToDoubleArray());
        Assert.Equal(["bias", "weight"], sync.StateDict().Keys.Where(k => !k.StartsWith("running", StringComparison.Ordinal) && k != "num_batches_tracked").Order());
    }

    [Fact]
    public void AOneDimensionalInputIsRefusedNamingTheLayer()
    {
        var e = Assert.Throws<ArgumentException>(() => new SyncBatchNorm(3, processGroup: Communicator.World).Forward(Tensor.Ones(3)));
        Assert.Contains("SyncBatchNorm: expected a [N, C] to [N, C, D, H, W] input, got shape [3]", e.Message);
    }

    [Fact]
    public void ConvertSyncBatchNormReachesNestedLayersAndLeavesOthersAlone()
    {
        var inner = new BatchNorm2d(2);
        var model = new Sequential(new Sequential(inner), new BatchNorm1d(2), new LayerNorm([2]));
        Assert.Same(model, SyncBatchNorm.ConvertSyncBatchNorm(model, Communicator.World));
        Assert.NotNull(inner.StatisticsSync);
        Assert.All(model.Modules().OfType<BatchNormNd>(), layer => Assert.NotNull(layer.StatisticsSync));
    }

    private sealed class ThrowingSync : IBatchStatisticsSync
    {
        public int WorldSize => 2;

        public Tensor SumOverProcesses(Tensor local) => throw new InvalidOperationException("evaluation must not communicate");
    }

    private static BatchNorm2d Affine(BatchNorm2d layer)
    {
        using (Autograd.NoGrad())
        {
            layer.Weight!.CopyFrom(Tensor.From([0.5, -1.5, 2.0]));
            layer.Bias!.CopyFrom(Tensor.From([0.25, 0.0, -1.0]));
        }
        return layer;
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        double difference = (expected - actual).Abs().Max().Item<double>();
        Assert.True(difference <= 1e-12, $"differs by {difference}");
    }
}

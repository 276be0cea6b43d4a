using System.Globalization;
using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// Data-parallel training against a single-process reference. Every rank initialises its model from its own seed;
/// <see cref="DistributedDataParallel"/> must replace that with rank 0's weights and buffers. Then R ranks × batch 32,
/// each reading its <see cref="DistributedSampler"/> shard, train with SGD with momentum, with the allreduces overlapped with backward and again without; rank 0 trains a second model,
/// alone, from the same initial weights on batches of 32·R drawn in the epoch's permutation order (what the shards
/// interleave), and reports the largest difference between the two.
/// </summary>
internal static class DataParallelScenario
{
    private const int Examples = 256, Features = 8, Classes = 3, LocalBatch = 32, Epochs = 2;
    private const long SamplerSeed = 5;

    public static void Run(Communicator world)
    {
        BroadcastsParametersAndBuffers(world);
        TrainsLikeOneProcess(world, DType.Float32, "f32");
        TrainsLikeOneProcess(world, DType.Float64, "f64");
    }

    private static void BroadcastsParametersAndBuffers(Communicator world)
    {
        var model = new Sequential(new Linear(4, 3, generator: new Generator(100 + world.Rank)), new BatchNorm1d(3));
        var runningMean = model.NamedBuffers().First(b => b.Name.EndsWith("running_mean", StringComparison.Ordinal)).Buffer;
        runningMean.Fill(world.Rank + 1);
        Report.Values(world, "weight-before", model.Parameters().First());
        _ = new DistributedDataParallel(model, world);
        Report.Values(world, "weight-after", model.Parameters().First());
        Report.Values(world, "running-mean-after", runningMean);
    }

    private static void TrainsLikeOneProcess(Communicator world, DType dtype, string label)
    {
        var data = Data(dtype);
        var final = TrainDataParallel(world, data, dtype, overlapWithBackward: true, label);
        var synchronous = TrainDataParallel(world, data, dtype, overlapWithBackward: false, label + "-sync");
        var all = world.AllGather(final);
        if (world.Rank != 0) return;
        bool identical = Enumerable.Range(1, world.Size - 1).All(r => all[r].ToDoubleArray().SequenceEqual(all[0].ToDoubleArray()));
        Report.Line(world, $"{label}-ranks-identical", identical ? "true" : "false");
        Report.Line(world, $"{label}-overlap-equals-sync", final.ToDoubleArray().SequenceEqual(synchronous.ToDoubleArray()) ? "true" : "false");
        var reference = TrainAlone(data, Model(seed: 100, dtype), LocalBatch * world.Size);
        Report.Line(world, $"{label}-max-difference", (final - reference).Abs().Max().Item<double>().ToString("R", CultureInfo.InvariantCulture));
        Report.Line(world, $"{label}-max-parameter", final.Abs().Max().Item<double>().ToString("R", CultureInfo.InvariantCulture));
    }

    private static Tensor TrainDataParallel(Communicator world, TensorDataset data, DType dtype, bool overlapWithBackward, string label)
    {
        var model = Model(seed: 100 + world.Rank, dtype);
        // A small bucket cap cuts the 4 parameter tensors into several buckets, so bucketing is exercised.
        var ddp = new DistributedDataParallel(model, world, bucketCapMB: 400.0 / (1024 * 1024), overlapWithBackward);
        Report.Line(world, $"{label}-buckets", ddp.BucketCount.ToString(CultureInfo.InvariantCulture));
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        var sampler = new DistributedSampler(data, world, seed: SamplerSeed);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            sampler.SetEpoch(epoch);
            foreach (var (x, y) in new DataLoader(sampler.Shard(data), LocalBatch))
            {
                optimizer.ZeroGrad();
                Losses.CrossEntropy(model.Forward(x), y).Backward();
                ddp.SynchronizeGradients();
                optimizer.Step();
            }
        }
        Report.Line(world, $"{label}-overlapped-buckets", ddp.OverlappedBucketCount.ToString(CultureInfo.InvariantCulture));
        var parameters = Flatten(model);
        if (overlapWithBackward) SecondBackwardBeforeSynchronizing(world, ddp, model, data, label);
        return parameters;
    }

    /// <summary>Two backward passes without synchronising in between fail with a clear error, and the next synchronisation recovers.</summary>
    private static void SecondBackwardBeforeSynchronizing(Communicator world, DistributedDataParallel ddp, Sequential model, TensorDataset data, string label)
    {
        var (x, y) = data.GetBatch([0, 1, 2, 3]);
        Losses.CrossEntropy(model.Forward(x), y).Backward();
        try
        {
            Losses.CrossEntropy(model.Forward(x), y).Backward();
            Report.Line(world, $"{label}-second-backward", "no exception");
        }
        catch (InvalidOperationException e)
        {
            Report.Line(world, $"{label}-second-backward", e.Message);
        }
        ddp.SynchronizeGradients();
        Report.Line(world, $"{label}-recovered", "yes");
    }

    /// <summary>One process, the global batch: epoch e's batches are consecutive runs of the permutation drawn from seed + e.</summary>
    private static Tensor TrainAlone(TensorDataset data, Sequential model, int batch)
    {
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            int[] order = [.. Tensor.RandPerm(Examples, new Generator(SamplerSeed + epoch)).ToArray<long>().Select(i => (int)i)];
            foreach (var (x, y) in new DataLoader(new Subset(data, order), batch))
            {
                optimizer.ZeroGrad();
                Losses.CrossEntropy(model.Forward(x), y).Backward();
                optimizer.Step();
            }
        }
        return Flatten(model);
    }

    /// <summary>The same examples on every rank: Gaussian inputs, labels from a fixed linear rule.</summary>
    private static TensorDataset Data(DType dtype)
    {
        var x = Tensor.Randn([Examples, Features], dtype, new Generator(11));
        var labels = x.MatMul(Tensor.Randn([Features, Classes], dtype, new Generator(12))).ArgMax(1);
        return new TensorDataset(x, labels);
    }

    private static Sequential Model(long seed, DType dtype)
    {
        var generator = new Generator(seed);
        return new Sequential(
            new Linear(Features, 16, dtype: dtype, generator: generator),
            new Tanh(),
            new Linear(16, Classes, dtype: dtype, generator: generator));
    }

    private static Tensor Flatten(Module model) => Tensor.Cat([.. model.Parameters().Select(p => p.Detach().Reshape(-1))]);
}

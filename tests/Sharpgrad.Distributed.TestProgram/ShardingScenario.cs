namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// Each rank computes its own <see cref="DistributedSampler"/> shard in its own process; rank 0 gathers them all and
/// prints, per epoch, every rank's shard one after another, so the test can check coverage across real processes.
/// </summary>
internal static class ShardingScenario
{
    public static void Run(Communicator world)
    {
        foreach (int count in new[] { 12, 11 })
            foreach (bool dropLast in new[] { false, true })
            {
                var sampler = new DistributedSampler(count, world.Size, world.Rank, seed: 3, dropLast: dropLast);
                for (int epoch = 0; epoch < 2; epoch++)
                {
                    sampler.SetEpoch(epoch);
                    var shard = Tensor.From([.. sampler.Indices().Select(i => (long)i)]);
                    var all = world.AllGather(shard);
                    if (world.IsMain) Report.Values(world, $"shards-n{count}-{(dropLast ? "drop" : "pad")}-epoch{epoch}", all);
                }
            }
    }
}

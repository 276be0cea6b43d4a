using Sharpgrad.Distributed;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Distributed;

/// <summary>DistributedDataParallel in a world of one process (no MPI): it must leave training exactly as it was.</summary>
public sealed class DistributedDataParallelTests
{
    [Fact]
    public void InAWorldOfOneGradientsAndWeightsAreUntouched()
    {
        var model = new Linear(3, 2, generator: new Generator(4));
        float[] weights = model.Parameters().First().ToArray<float>();
        var ddp = new DistributedDataParallel(model, Communicator.World);
        Assert.Equal(weights, model.Parameters().First().ToArray<float>());
        Assert.Equal(1, ddp.BucketCount); // 8 floats fit one 25 MB bucket

        model.Forward(Tensor.Ones(4, 3)).Sum().Backward();
        float[] gradient = model.Parameters().First().Grad!.ToArray<float>();
        ddp.SynchronizeGradients();
        Assert.Equal(gradient, model.Parameters().First().Grad!.ToArray<float>());
    }

    [Fact]
    public void BucketCapMustBePositive()
        => Assert.Contains("bucketCapMB must be positive, got 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedDataParallel(new Linear(2, 2), Communicator.World, bucketCapMB: 0)).Message);
}

using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>Splitting a dataset held as tensors keeps the tensors (issue #10).</summary>
public class DatasetSplitTests
{
    private static TensorDataset Numbered(int n) => new(
        Tensor.Arange(0, 2 * n, dtype: DType.Float64).View(n, 2),
        Tensor.Arange(0, n, dtype: DType.Int64));

    [Fact]
    public void TheTrainAndTestPartsOfATensorDatasetExposeTheirTensors()
    {
        var (train, test) = Numbered(10).Split(0.7, seed: 3);
        Assert.Equal([7, 2], train.Inputs.Shape);
        Assert.Equal([3], test.Targets.Shape);
        // Row i of the inputs is [2i, 2i+1] with target i, so each part's rows must still match their targets.
        foreach (var part in new[] { train, test })
            Assert.Equal(part.Targets.ToArray<long>().SelectMany(t => new[] { 2.0 * t, 2.0 * t + 1 }), part.Inputs.ToArray<double>());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i),
            train.Targets.ToArray<long>().Concat(test.Targets.ToArray<long>()).Order());
    }

    [Fact]
    public void ATensorDatasetSplitsIntoTheSameSamplesAsAnyOtherDataset()
    {
        var data = Numbered(12);
        var parts = data.Split([0.5, 0.25, 0.25], seed: 7);
        var viaSubsets = new Subset(data, Enumerable.Range(0, 12).ToArray()).Split([0.5, 0.25, 0.25], seed: 7);
        Assert.All(parts, p => Assert.IsType<TensorDataset>(p));
        for (int i = 0; i < parts.Length; i++)
            Assert.Equal(((Subset)viaSubsets[i]).Indices.Select(j => (long)j), parts[i].Targets.ToArray<long>());
        Dataset asBase = data;
        Assert.IsType<TensorDataset>(asBase.Split(0.5).Train);   // the runtime type does not depend on the static one
    }
}

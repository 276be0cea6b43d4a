using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.Embeddings;

public class EmbeddingTests
{
    [Fact]
    public void LooksUpRowsAndAddsTheIndexShape()
    {
        var layer = new Embedding(3, 2, dtype: DType.Float64);
        layer.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }) });
        var y = layer.Forward(Tensor.From(new long[,] { { 2, 0 } }));
        Assert.Equal(new[] { 1, 2, 2 }, (int[])y.Shape);
        Assert.Equal(new double[] { 5, 6, 1, 2 }, y.ToArray<double>());
    }

    [Fact]
    public void PaddingRowStartsAtZeroAndOtherRowsAreStandardNormal()
    {
        var layer = new Embedding(2000, 8, paddingIdx: -1, generator: new Generator(7));
        Assert.Equal(1999, layer.PaddingIdx);
        Assert.All(layer.Weight.Select(0, 1999).ToArray<float>(), v => Assert.Equal(0f, v));
        var rest = layer.Weight.Narrow(0, 0, 1999).Double();
        // N(0, 1): with 15,992 draws the sample mean is within 4 standard errors (4/√15992 ≈ 0.032) of 0.
        Assert.InRange(rest.Mean().Item(), -0.032, 0.032);
        Assert.InRange(rest.Std().Item(), 0.97, 1.03);
    }

    [Fact]
    public void StateDictUsesPyTorchsName()
    {
        var layer = new Embedding(4, 3);
        Assert.Equal(["weight"], layer.StateDict().Keys);
        Assert.Equal("Embedding(4, 3, padding_idx=1)", new Embedding(4, 3, paddingIdx: 1).ToString());
    }

    [Fact]
    public void FromPretrainedCopiesAndFreezes()
    {
        var table = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } });
        var frozen = Embedding.FromPretrained(table);
        Assert.False(frozen.Weight.RequiresGrad);
        Assert.Equal(new double[] { 3, 4 }, frozen.Forward(Tensor.From(new long[] { 1 })).ToArray<double>());
        Assert.True(Embedding.FromPretrained(table, freeze: false).Weight.RequiresGrad);
    }

    [Fact]
    public void BadInputNamesTheLayerAndTheProblem()
    {
        var layer = new Embedding(4, 3);
        var range = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.From(new long[,] { { 0, 1 }, { 4, 2 } })));
        Assert.Contains("index 4 at flat position 2 of input [2, 2]", range.Message);
        Assert.Contains("4 embeddings", range.Message);
        var dtype = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.From(new float[] { 1 })));
        Assert.Contains("indices must be int64, got float32", dtype.Message);
        var padding = Assert.Throws<ArgumentException>(() => new Embedding(4, 3, paddingIdx: 4));
        Assert.Contains("paddingIdx must be in [-4, 4)", padding.Message);
        Assert.Throws<ArgumentException>(() => new Embedding(4, 3, maxNorm: 0));
    }
}

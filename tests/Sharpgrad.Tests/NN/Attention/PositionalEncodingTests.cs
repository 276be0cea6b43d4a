using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>The positional encodings against Vaswani et al.'s formula and their contract (buffer or parameter, layouts, length).</summary>
public class PositionalEncodingTests
{
    [Fact]
    public void SinusoidsFollowTheFormula()
    {
        // P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(t / 10000^(2i/d)); d = 6.
        var pe = SinusoidalPositionalEncoding.Sinusoids(4, 6);
        Close([0.0, 1, 0, 1, 0, 1], pe.Select(0, 0), 0);
        Close([Math.Sin(1), Math.Cos(1), Math.Sin(1 / Math.Pow(10000, 2.0 / 6)), Math.Cos(1 / Math.Pow(10000, 2.0 / 6)),
            Math.Sin(1 / Math.Pow(10000, 4.0 / 6)), Math.Cos(1 / Math.Pow(10000, 4.0 / 6))], pe.Select(0, 1), 1e-15);
        Close([Math.Sin(3 / Math.Pow(10000, 4.0 / 6))], pe.Select(0, 3).Narrow(0, 4, 1), 1e-15);
        Assert.Equal([4, 5], SinusoidalPositionalEncoding.Sinusoids(4, 5).Shape);   // an odd width keeps the first d columns
    }

    [Fact]
    public void TheSinusoidalTableIsABufferAddedToEveryExample()
    {
        var encoding = new SinusoidalPositionalEncoding(4, maxLen: 10, dtype: DType.Float64);
        Assert.Empty(encoding.Parameters());
        Assert.Equal(["pe"], encoding.StateDict().Keys);
        var x = Tensor.Randn([3, 2, 4], DType.Float64, new Generator(1));
        var y = encoding.Forward(x);
        var table = SinusoidalPositionalEncoding.Sinusoids(3, 4);
        Close(x.Select(1, 1) + table, y.Select(1, 1), 1e-15);

        var batchFirst = new SinusoidalPositionalEncoding(4, maxLen: 10, batchFirst: true, dtype: DType.Float64);
        Close(y.Transpose(0, 1), batchFirst.Forward(x.Transpose(0, 1)), 0);
    }

    [Fact]
    public void TheLearnedTableIsAParameterWhoseGradientSumsOverTheBatch()
    {
        var encoding = new LearnedPositionalEncoding(3, maxLen: 5, batchFirst: true, dtype: DType.Float64, generator: new Generator(2));
        Assert.Equal(["weight"], encoding.StateDict().Keys);
        var x = Tensor.Randn([2, 4, 3], DType.Float64, new Generator(3));
        var g = Tensor.Randn([2, 4, 3], DType.Float64, new Generator(4));
        (encoding.Forward(x) * g).Sum().Backward();
        // ∂/∂P[t] Σ (x + P[t])·g = Σ_n g[n, t]; rows past the sequence get 0.
        Close(g.Sum(0), encoding.Weight.Grad!.Narrow(0, 0, 4), 1e-15);
        Close(Tensor.Zeros([1, 3], DType.Float64), encoding.Weight.Grad!.Narrow(0, 4, 1), 0);
    }

    [Fact]
    public void ASequenceLongerThanTheTableIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => new SinusoidalPositionalEncoding(4, maxLen: 2).Forward(Tensor.Zeros([3, 1, 4])));
        Assert.Contains("SinusoidalPositionalEncoding: the input [3, 1, 4] has 3 steps, more than maxLen = 2", error.Message);
        var width = Assert.Throws<ArgumentException>(() => new LearnedPositionalEncoding(4, 5).Forward(Tensor.Zeros([3, 1, 5])));
        Assert.Contains("LearnedPositionalEncoding(dModel=4)", width.Message);
    }
}

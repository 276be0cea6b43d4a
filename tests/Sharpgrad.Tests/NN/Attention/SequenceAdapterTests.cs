using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// The Module&lt;Tensor, Tensor&gt; adapters of attention and encoders (<see cref="SelfAttention"/>,
/// <see cref="SequenceEncoder"/>) and <see cref="SequencePooling"/>: what their masks must and must not change, and the
/// pooled values by hand.
/// </summary>
public class SequenceAdapterTests
{
    private static Tensor Values(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed));

    [Fact]
    public void SequencePoolingByHand()
    {
        var x = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 }, { 8, 0 } }).Reshape(1, 3, 2);   // [N = 1, T = 3, E = 2]
        Close([4.0, 2], new SequencePooling(1).Forward(x).Reshape(2));
        Close([1.0, 2], new SequencePooling(1, SequencePoolingMode.First).Forward(x).Reshape(2));
        Close([8.0, 0], new SequencePooling(1, SequencePoolingMode.Last).Forward(x).Reshape(2));
        Assert.Contains("SequencePooling", Assert.Throws<ArgumentException>(() => new SequencePooling(3).Forward(x)).Message);
    }

    /// <summary>Causal self-attention: a step's output depends on the steps up to it only, and step 0 attends to itself alone.</summary>
    [Fact]
    public void CausalSelfAttentionIgnoresLaterSteps()
    {
        var mha = new MultiheadAttention(4, 2, batchFirst: true, dtype: DType.Float64, generator: new Generator(1));
        var model = new SelfAttention(mha, causal: true);
        var x = Values(2, 2, 5, 4);
        var changed = Tensor.Cat([x.Narrow(1, 0, 3), Values(3, 2, 2, 4)], 1);
        Close(model.Forward(x).Narrow(1, 0, 3), model.Forward(changed).Narrow(1, 0, 3));
        Assert.True((model.Forward(x).Narrow(1, 3, 2) - model.Forward(changed).Narrow(1, 3, 2)).Abs().Max().Item() > 1e-3);
        // With one key the softmax weight is 1: step 0's output is out_proj(v_proj(x₀)).
        var v = Functional.Linear(x.Select(1, 0), mha.InProjWeight!.Narrow(0, 8, 4), mha.InProjBias!.Narrow(0, 8, 4));
        Close(mha.OutProj.Forward(v), model.Forward(x).Select(1, 0));
    }

    [Fact]
    public void ConstantMaskIsPassedToTheAttention()
    {
        var mha = new MultiheadAttention(4, 1, dtype: DType.Float64, generator: new Generator(4));
        var mask = Tensor.From(new[] { false, true, false, false, false, true, true, false, false }).Reshape(3, 3);
        var x = Values(5, 3, 2, 4);
        Close(mha.Forward(x, x, x, new AttentionOptions { AttnMask = mask }).Output, new SelfAttention(mha, mask: mask).Forward(x));
        var error = Assert.Throws<ArgumentException>(() => new SelfAttention(mha, mask: mask).Forward(Values(6, 4, 2, 4)));
        Assert.Contains("SelfAttention", error.Message);
        Assert.Contains("4 steps", error.Message);
        Assert.Throws<ArgumentException>(() => new SelfAttention(mha, causal: true, mask: mask));
        Assert.Throws<ArgumentException>(() => new SelfAttention(mha, mask: Tensor.Zeros([2, 3])));
    }

    [Fact]
    public void CausalEncoderStackIgnoresLaterSteps()
    {
        var layer = new TransformerEncoderLayer(4, 2, dimFeedforward: 8, dropout: 0, dtype: DType.Float64, generator: new Generator(7));
        var encoder = new SequenceEncoder(new TransformerEncoder(layer, 2), causal: true);
        var x = Values(8, 5, 2, 4);                                                   // time-first [T, N, E]
        var changed = Tensor.Cat([x.Narrow(0, 0, 2), Values(9, 3, 2, 4)], 0);
        Close(encoder.Forward(x).Narrow(0, 0, 2), encoder.Forward(changed).Narrow(0, 0, 2));
        Assert.StartsWith("encoder.layers.0.self_attn", encoder.StateDict().Keys.First());
    }

    [Fact]
    public void UnmaskedEncoderLayerIsTheLayer()
    {
        var layer = new TransformerEncoderLayer(4, 2, dimFeedforward: 8, dropout: 0, batchFirst: true, normFirst: true, dtype: DType.Float64,
            generator: new Generator(10));
        var x = Values(11, 2, 3, 4);
        BitwiseEqual(layer.Forward(x), new SequenceEncoder(layer).Forward(x));
    }

    private static TransformerTextEncoder TextEncoder(int seed)
    {
        var g = new Generator(seed);
        var layer = new TransformerEncoderLayer(4, 2, dimFeedforward: 8, dropout: 0, batchFirst: true, dtype: DType.Float64, generator: g);
        return new TransformerTextEncoder(new Embedding(10, 4, paddingIdx: 0, dtype: DType.Float64, generator: g),
            new SinusoidalPositionalEncoding(4, maxLen: 8, batchFirst: true, dtype: DType.Float64), new TransformerEncoder(layer, 2));
    }

    /// <summary>Padding changes nothing: a padded sentence gives the vector of the sentence alone, in a batch of one.</summary>
    [Fact]
    public void TextEncoderIgnoresPadding()
    {
        var model = TextEncoder(12);
        var padded = Tensor.From(new long[] { 3, 5, 7, 0, 0, 4, 4, 9, 2, 1 }).Reshape(2, 5);
        var output = model.Forward(padded);
        Shape([2, 4], output);
        Close(model.Forward(Tensor.From(new long[] { 3, 5, 7 }).Reshape(1, 3)).Select(0, 0), output.Select(0, 0), 1e-12);
        Close(model.Forward(padded.Narrow(0, 1, 1)).Select(0, 0), output.Select(0, 1), 1e-12);
    }

    [Fact]
    public void TextEncoderRefusesRowsOfPaddingOnlyAndMisconfiguredParts()
    {
        var error = Assert.Throws<ArgumentException>(() => TextEncoder(13).Forward(Tensor.From(new long[] { 3, 0, 0, 0 }).Reshape(2, 2)));
        Assert.Contains("padding only", error.Message);
        var layer = new TransformerEncoderLayer(4, 2, dimFeedforward: 8, batchFirst: true);
        Assert.Contains("paddingIdx", Assert.Throws<ArgumentException>(() =>
            new TransformerTextEncoder(new Embedding(10, 4), null, new TransformerEncoder(layer, 1))).Message);
        Assert.Contains("batch-first", Assert.Throws<ArgumentException>(() =>
            new TransformerTextEncoder(new Embedding(10, 4, paddingIdx: 0), null, new TransformerEncoder(new TransformerEncoderLayer(4, 2), 1))).Message);
    }
}

using Sharpgrad.NN;
using Sharpgrad.Onnx;
using static Sharpgrad.Tests.Onnx.OnnxSequenceParity;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// Issue #18: multi-head self-attention and Transformer encoders exported as primitive operators (MatMul, Split,
/// Reshape, Transpose, Softmax, LayerNormalization, Trilu for the causal mask) through <see cref="SelfAttention"/> and
/// <see cref="SequenceEncoder"/>, run by ONNX Runtime at the sample's batch size and length and at others.
/// </summary>
public sealed class OnnxAttentionParityTests
{
    private static readonly Dictionary<int, string> BatchOnly = new() { [0] = "batch" };

    /// <summary>Random biases, so that a misplaced in_proj_bias slice or out_proj bias shows (PyTorch starts them at 0).</summary>
    private static void RandomiseBiases(Module model, int seed)
    {
        var g = new Generator(seed);
        using var _ = Autograd.NoGrad();
        foreach (var (name, parameter) in model.NamedParameters().Where(p => p.Name.EndsWith("bias")))
            parameter.CopyFrom(Tensor.Randn(parameter.Shape.ToArray(), generator: g) * 0.5);
        // LayerNorm scales too, away from 1, so that swapping norm1 and norm2 or misnaming a scale initializer shows.
        foreach (var (name, parameter) in model.NamedParameters().Where(p => p.Name.Contains("norm") && p.Name.EndsWith("weight")))
            parameter.CopyFrom(1 + Tensor.Randn(parameter.Shape.ToArray(), generator: g) * 0.5);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void SelfAttentionMatchesOnnxRuntime(bool batchFirst, bool causal)
    {
        var model = new SelfAttention(new MultiheadAttention(8, 2, batchFirst: batchFirst, generator: new Generator(1)), causal);
        RandomiseBiases(model, 2);
        var axes = batchFirst ? BatchThenSeq : SeqThenBatch;
        int[] Shape(int n, int t) => batchFirst ? [n, t, 8] : [t, n, 8];
        AssertParity(model, axes, Values(3, Shape(3, 5)), [Values(4, Shape(1, 9)), Values(5, Shape(4, 2))],
            $"{nameof(SelfAttentionMatchesOnnxRuntime)}_{batchFirst}_{causal}");
    }

    /// <summary>A constant bool mask (true = may not attend) fixes the length; the batch stays dynamic.</summary>
    [Fact]
    public void SelfAttentionWithConstantMaskMatchesOnnxRuntime()
    {
        var mask = Tensor.From(new[] { false, true, true, false, false, true, true, false, false, false, true, false, true, false, false, false }).Reshape(4, 4);
        var model = new SelfAttention(new MultiheadAttention(6, 3, batchFirst: true, generator: new Generator(6)), mask: mask);
        AssertParity(model, BatchOnly, Values(7, 2, 4, 6), [Values(8, 5, 4, 6)], nameof(SelfAttentionWithConstantMaskMatchesOnnxRuntime));
    }

    [Fact]
    public void ConstantMaskWithDynamicLengthIsRefused()
    {
        var model = new SelfAttention(new MultiheadAttention(4, 2, batchFirst: true), mask: Tensor.Zeros([3, 3]));
        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToOnnxBytes(model, Values(1, 2, 3, 4), BatchThenSeq));
        Assert.Contains("axis 1 ('seq') cannot be dynamic", error.Message);
    }

    [Fact]
    public void AttentionWithBiasKvIsRefusedNamingTheModule()
    {
        var model = new Sequential(new SelfAttention(new MultiheadAttention(4, 2, addBiasKV: true, batchFirst: true)));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(model, Values(1, 2, 3, 4)));
        Assert.Contains("'0.attn' (MultiheadAttention)", error.Message);
        Assert.Contains("addBiasKV", error.Message);
    }

    /// <summary>Both residual arrangements, both activations, with and without the causal mask.</summary>
    [Theory]
    [InlineData(false, TransformerActivation.Relu, false)]
    [InlineData(true, TransformerActivation.Relu, true)]
    [InlineData(false, TransformerActivation.Gelu, true)]
    [InlineData(true, TransformerActivation.Gelu, false)]
    public void EncoderLayerMatchesOnnxRuntime(bool normFirst, TransformerActivation activation, bool causal)
    {
        var layer = new TransformerEncoderLayer(8, 2, dimFeedforward: 16, activation: activation, batchFirst: true, normFirst: normFirst,
            generator: new Generator(9));
        RandomiseBiases(layer, 10);
        AssertParity(new SequenceEncoder(layer, causal), BatchThenSeq, Values(11, 2, 6, 8), [Values(12, 3, 3, 8), Values(13, 1, 10, 8)],
            $"{nameof(EncoderLayerMatchesOnnxRuntime)}_{normFirst}_{activation}_{causal}");
    }

    /// <summary>
    /// The small Transformer encoder classifier: token ids → Embedding → sinusoidal positions → two pre-norm encoder
    /// layers with the final norm → mean over the steps → Linear.
    /// </summary>
    [Fact]
    public void TransformerEncoderClassifierMatchesOnnxRuntime()
    {
        var g = new Generator(14);
        var layer = new TransformerEncoderLayer(8, 2, dimFeedforward: 16, batchFirst: true, normFirst: true, generator: g);
        var model = new Sequential(new Embedding(30, 8, generator: g), new SinusoidalPositionalEncoding(8, maxLen: 32, batchFirst: true),
            new SequenceEncoder(new TransformerEncoder(layer, 2, new LayerNorm(8))), new SequencePooling(1), new Linear(8, 3, generator: g));
        RandomiseBiases(model, 15);
        var tokens = Tensor.RandInt(0, 30, [3, 7], new Generator(16));
        AssertParity(model, BatchThenSeq, tokens, [Tensor.RandInt(0, 30, [1, 12], new Generator(17)), Tensor.RandInt(0, 30, [5, 2], new Generator(18))],
            nameof(TransformerEncoderClassifierMatchesOnnxRuntime));
    }

    /// <summary>Time-first: learned positions, a post-norm causal stack (a language model's encoder), first-step pooling.</summary>
    [Fact]
    public void TimeFirstCausalEncoderWithLearnedPositionsMatchesOnnxRuntime()
    {
        var g = new Generator(19);
        var layer = new TransformerEncoderLayer(6, 3, dimFeedforward: 12, activation: TransformerActivation.Gelu, generator: g);
        var model = new Sequential(new LearnedPositionalEncoding(6, maxLen: 16, generator: g),
            new SequenceEncoder(new TransformerEncoder(layer, 2), causal: true), new SequencePooling(0, SequencePoolingMode.First), new Tanh());
        RandomiseBiases(model, 20);
        AssertParity(model, SeqThenBatch, Values(21, 5, 2, 6), [Values(22, 9, 3, 6), Values(23, 1, 1, 6)],
            nameof(TimeFirstCausalEncoderWithLearnedPositionsMatchesOnnxRuntime));
    }

    /// <summary>
    /// A classifier for padded batches (id 0 = padding): the key-padding mask and the mean over the real tokens are
    /// computed in the graph from the ids, so rows with different amounts of padding, at any batch size and length, match.
    /// </summary>
    [Fact]
    public void PaddedTextClassifierMatchesOnnxRuntime()
    {
        var g = new Generator(24);
        var layer = new TransformerEncoderLayer(8, 2, dimFeedforward: 16, batchFirst: true, generator: g);
        var encoder = new TransformerTextEncoder(new Embedding(20, 8, paddingIdx: 0, generator: g),
            new SinusoidalPositionalEncoding(8, maxLen: 16, batchFirst: true), new TransformerEncoder(layer, 2));
        var model = new Sequential(encoder, new Linear(8, 3, generator: g));
        RandomiseBiases(model, 25);
        var sample = Tensor.From(new long[] { 3, 5, 7, 0, 0, 4, 4, 9, 2, 1, 8, 0, 0, 0, 0 }).Reshape(3, 5);
        var longer = Tensor.From(new long[] { 6, 2, 0, 0, 0, 0, 0, 11, 12, 13, 14, 15, 16, 17 }).Reshape(2, 7);
        AssertParity(model, BatchThenSeq, sample, [longer, Tensor.From(new long[] { 19 }).Reshape(1, 1)], nameof(PaddedTextClassifierMatchesOnnxRuntime));
    }
}

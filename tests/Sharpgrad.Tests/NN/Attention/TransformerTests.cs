using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// The Transformer layers' contract beyond the PyTorch fixtures: the causal mask, stacks of copied layers, PyTorch's
/// names for the whole model, causality of the decoder, dropout and eval mode, and the errors.
/// </summary>
public class TransformerTests
{
    [Fact]
    public void TheSquareSubsequentMaskHidesTheFuture()
    {
        double inf = double.NegativeInfinity;
        Close([0, inf, inf, 0, 0, inf, 0, 0, 0], Transformer.GenerateSquareSubsequentMask(3), 0);
        Assert.Equal(DType.Float64, Transformer.GenerateSquareSubsequentMask(2, DType.Float64).DType);
    }

    [Fact]
    public void AStackHoldsIndependentCopiesOfTheLayer()
    {
        var layer = new TransformerEncoderLayer(4, 2, 8, generator: new Generator(1));
        var encoder = new TransformerEncoder(layer, 2, new LayerNorm(4));
        Assert.Equal("layers.0.self_attn.in_proj_weight", encoder.StateDict().Keys.First());
        Assert.Equal(["norm.weight", "norm.bias"], encoder.StateDict().Keys.TakeLast(2));
        BitwiseEqual(layer.Linear1.Weight, encoder.Layers[0].Linear1.Weight);   // copies, as PyTorch's deepcopy
        BitwiseEqual(layer.Linear1.Weight, encoder.Layers[1].Linear1.Weight);
        using (Autograd.NoGrad()) encoder.Layers[0].Linear1.Weight.Fill(0);     // ... that share no storage
        Assert.NotEqual(0, encoder.Layers[1].Linear1.Weight.Abs().Sum().Item());
        Assert.NotEqual(0, layer.Linear1.Weight.Abs().Sum().Item());

        var converted = new TransformerDecoderLayer(4, 2, 8).To(DType.Float64).Eval();    // built float32, then converted
        var decoder = new TransformerDecoder(converted, 1);
        Assert.Equal(DType.Float64, decoder.Layers[0].Norm3.Weight!.DType);
        Assert.False(decoder.Layers[0].IsTraining);
    }

    [Fact]
    public void TheTransformerUsesPyTorchsNames()
    {
        var model = new Transformer(4, 2, 1, 1, 8);
        var keys = model.StateDict().Keys.ToList();
        Assert.Equal(20, keys.Count(k => k.StartsWith("decoder.", StringComparison.Ordinal)));   // 2 attentions ×4, 2 linears ×2, 3 norms ×2, final norm 2
        Assert.Contains("encoder.layers.0.self_attn.out_proj.weight", keys);
        Assert.Contains("decoder.layers.0.multihead_attn.in_proj_weight", keys);
        Assert.Contains("decoder.layers.0.norm3.bias", keys);
        Assert.Equal(["decoder.norm.weight", "decoder.norm.bias"], keys.TakeLast(2));
    }

    [Fact]
    public void TheDecoderWithACausalMaskDoesNotLookAhead()
    {
        var decoder = new TransformerDecoder(new TransformerDecoderLayer(4, 2, 8, dropout: 0, normFirst: true, dtype: DType.Float64, generator: new Generator(2)), 2);
        var tgt = Tensor.Randn([4, 2, 4], DType.Float64, new Generator(3));
        var memory = Tensor.Randn([5, 2, 4], DType.Float64, new Generator(4));
        var masks = new DecoderMasks { TgtMask = Transformer.GenerateSquareSubsequentMask(4, DType.Float64) };
        var output = decoder.Forward(tgt, memory, masks);
        var changed = tgt.Clone();
        changed.Narrow(0, 2, 2).Fill(3);
        Close(output.Narrow(0, 0, 2), decoder.Forward(changed, memory, masks).Narrow(0, 0, 2), 1e-12);
    }

    [Fact]
    public void DropoutIsSeededWhileTrainingAndOffInEval()
    {
        TransformerEncoderLayer Layer(double dropout) => new(4, 2, 8, dropout, dtype: DType.Float64, generator: new Generator(5));
        var x = Tensor.Randn([3, 2, 4], DType.Float64, new Generator(6));
        var (a, b) = (Layer(0.3), Layer(0.3));
        BitwiseEqual(a.Forward(x), b.Forward(x));
        var noDropout = Layer(0);
        Assert.NotEqual(noDropout.Forward(x).ToDoubleArray(), Layer(0.3).Forward(x).ToDoubleArray());
        Close(noDropout.Forward(x), Layer(0.3).Eval().Forward(x), 0);
    }

    [Fact]
    public void BadArgumentsNameTheLayerAndTheShapes()
    {
        var heads = Assert.Throws<ArgumentException>(() => new TransformerEncoderLayer(6, 4));
        Assert.Contains("TransformerEncoderLayer: dModel (6) must be divisible by nhead (4)", heads.Message);
        var width = Assert.Throws<ArgumentException>(() => new TransformerDecoderLayer(4, 2, 8).Forward(Tensor.Zeros([3, 2, 4]), Tensor.Zeros([5, 2, 3])));
        Assert.Contains("TransformerDecoderLayer: memory must be [S, N, 4]", width.Message);
        Assert.Contains("got [5, 2, 3]", width.Message);
        var batch = Assert.Throws<ArgumentException>(() => new Transformer(4, 2, 1, 1, 8).Forward(Tensor.Zeros([3, 2, 4]), Tensor.Zeros([3, 5, 4])));
        Assert.Contains("same batch size", batch.Message);
        var mask = Assert.Throws<ArgumentException>(() =>
            new TransformerEncoderLayer(4, 2, 8).Forward(Tensor.Zeros([3, 2, 4]), Tensor.Zeros([2, 2]), null));
        Assert.Contains("attnMask must be [L, S] = [3, 3]", mask.Message);
    }
}

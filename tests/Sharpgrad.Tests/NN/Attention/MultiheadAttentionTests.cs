using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// MultiheadAttention's contract beyond the PyTorch fixtures: names, shapes and initialisation; what a key-padding or
/// causal mask must leave unchanged; the layouts; the weights' forms; and the errors naming the layer and the shapes.
/// </summary>
public class MultiheadAttentionTests
{
    [Fact]
    public void ParametersHavePyTorchsNamesShapesAndInitialisation()
    {
        var mha = new MultiheadAttention(8, 2, addBiasKV: true, generator: new Generator(1));
        (string, int[])[] expected =
            [("in_proj_weight", [24, 8]), ("in_proj_bias", [24]), ("bias_k", [1, 1, 8]), ("bias_v", [1, 1, 8]), ("out_proj.weight", [8, 8]), ("out_proj.bias", [8])];
        Assert.Equal(expected.Select(e => e.Item1), mha.StateDict().Keys);
        Assert.All(expected, e => Assert.Equal(e.Item2, mha.StateDict()[e.Item1].Shape));
        // xavier_uniform over [3E, E]: bound √(6 / (E + 3E)); biases start at zero.
        double bound = Math.Sqrt(6.0 / (8 + 24));
        Assert.All(mha.InProjWeight!.ToDoubleArray(), w => Assert.InRange(w, -bound, bound));
        Assert.All(mha.InProjBias!.ToDoubleArray(), b => Assert.Equal(0, b));
        Assert.All(mha.OutProj.Bias!.ToDoubleArray(), b => Assert.Equal(0, b));

        var separate = new MultiheadAttention(4, 2, kdim: 3, vdim: 5, bias: false);
        Assert.Equal(["q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"], separate.StateDict().Keys);
        Assert.Equal([4, 3], separate.StateDict()["k_proj_weight"].Shape);
        Assert.Equal([4, 5], separate.StateDict()["v_proj_weight"].Shape);
    }

    [Fact]
    public void PaddedKeysChangeNothing()
    {
        var mha = new MultiheadAttention(4, 2, dtype: DType.Float64, generator: new Generator(2));
        var q = Tensor.Randn([3, 2, 4], DType.Float64, new Generator(3));
        var kv = Tensor.Randn([5, 2, 4], DType.Float64, new Generator(4));
        var padding = Tensor.From(new[,] { { 0.0, 0, 0, 1, 1 }, { 0, 0, 0, 0, 1 } }).Ne(0.0);
        var options = new AttentionOptions { KeyPaddingMask = padding };
        var (output, weights) = mha.Forward(q, kv, kv, options);
        // Rewrite the padded keys (positions 3–4 of example 0, 4 of example 1): nothing may change.
        var changed = kv.Clone();
        changed.Narrow(0, 3, 2).Select(1, 0).Fill(100);
        changed.Narrow(0, 4, 1).Select(1, 1).Fill(-50);
        var (again, _) = mha.Forward(q, changed, changed, options);
        Close(output, again, 1e-12);
        Close(Tensor.Zeros([3, 2], DType.Float64), weights!.Select(0, 0).Narrow(1, 3, 2), 0);
    }

    [Fact]
    public void ACausalMaskMakesEachOutputIndependentOfLaterInputs()
    {
        var mha = new MultiheadAttention(4, 2, batchFirst: true, dtype: DType.Float64, generator: new Generator(5));
        var x = Tensor.Randn([1, 4, 4], DType.Float64, new Generator(6));
        var options = new AttentionOptions { AttnMask = Transformer.GenerateSquareSubsequentMask(4, DType.Float64) };
        var (output, _) = mha.Forward(x, x, x, options);
        var later = x.Clone();
        later.Narrow(1, 2, 2).Fill(7);
        var (changed, _) = mha.Forward(later, later, later, options);
        Close(output.Narrow(1, 0, 2), changed.Narrow(1, 0, 2), 1e-12);
        Assert.NotEqual(output.Select(1, 3).ToDoubleArray(), changed.Select(1, 3).ToDoubleArray());
    }

    [Fact]
    public void BatchFirstAndUnbatchedInputsGiveTheSameAttention()
    {
        var sequenceFirst = new MultiheadAttention(4, 2, dtype: DType.Float64, generator: new Generator(7));
        var batchFirst = new MultiheadAttention(4, 2, batchFirst: true, dtype: DType.Float64);
        batchFirst.LoadStateDict(sequenceFirst.StateDict());
        var x = Tensor.Randn([3, 2, 4], DType.Float64, new Generator(8));
        var (output, weights) = sequenceFirst.Forward(x, x, x);
        var bx = x.Transpose(0, 1).Contiguous();
        var (batchOutput, batchWeights) = batchFirst.Forward(bx, bx, bx);
        Close(output.Transpose(0, 1), batchOutput, 1e-14);
        Close(weights!, batchWeights!, 1e-14);
        var one = x.Select(1, 1);
        var (single, singleWeights) = sequenceFirst.Forward(one, one, one);
        Close(output.Select(1, 1), single, 1e-14);
        Close(weights!.Select(0, 1), singleWeights!, 1e-14);
    }

    [Fact]
    public void WeightsArePerHeadOrTheirMeanOrNotReturned()
    {
        var mha = new MultiheadAttention(6, 3, dtype: DType.Float64, generator: new Generator(9));
        var q = Tensor.Randn([2, 1, 6], DType.Float64, new Generator(10));
        var kv = Tensor.Randn([4, 1, 6], DType.Float64, new Generator(11));
        var (_, perHead) = mha.Forward(q, kv, kv, new AttentionOptions { AverageAttnWeights = false });
        var (_, averaged) = mha.Forward(q, kv, kv);
        Assert.Equal([1, 3, 2, 4], perHead!.Shape);
        Close(Tensor.Ones([1, 3, 2], DType.Float64), perHead.Sum(-1), 1e-14);   // each head's rows are distributions
        Close(perHead.Mean(1), averaged!, 1e-15);
        Assert.Null(mha.Forward(q, kv, kv, new AttentionOptions { NeedWeights = false }).Weights);
    }

    [Fact]
    public void BadArgumentsNameTheLayerAndTheShapes()
    {
        var heads = Assert.Throws<ArgumentException>(() => new MultiheadAttention(10, 4));
        Assert.Contains("embedDim (10) must be divisible by numHeads (4)", heads.Message);

        var mha = new MultiheadAttention(4, 2, kdim: 3);
        var q = Tensor.Zeros([3, 2, 4]);
        var k = Tensor.Zeros([5, 2, 3]);
        var v = Tensor.Zeros([5, 2, 4]);
        var query = Assert.Throws<ArgumentException>(() => mha.Forward(Tensor.Zeros([3, 2, 5]), k, v));
        Assert.Contains("MultiheadAttention(embedDim=4, numHeads=2): query must have 4 features", query.Message);
        Assert.Contains("[3, 2, 5]", query.Message);
        var key = Assert.Throws<ArgumentException>(() => mha.Forward(q, Tensor.Zeros([5, 2, 4]), v));
        Assert.Contains("key must have 3 features (kdim)", key.Message);
        var batch = Assert.Throws<ArgumentException>(() => mha.Forward(q, Tensor.Zeros([5, 3, 3]), Tensor.Zeros([5, 3, 4])));
        Assert.Contains("different batch sizes", batch.Message);

        var mask = Assert.Throws<ArgumentException>(() => mha.Forward(q, k, v, new AttentionOptions { AttnMask = Tensor.Zeros([3, 4]) }));
        Assert.Contains("attnMask must be [L, S] = [3, 5] or [N·numHeads, L, S] = [4, 3, 5], got [3, 4]", mask.Message);
        var paddingBatch = Assert.Throws<ArgumentException>(() => mha.Forward(q, k, v, new AttentionOptions { KeyPaddingMask = Tensor.Zeros([3, 5], DType.Bool) }));
        Assert.Contains("keyPaddingMask must be [N, S] = [2, 5]", paddingBatch.Message);
        Assert.Contains("got [3, 5]", paddingBatch.Message);
        var paddingLength = Assert.Throws<ArgumentException>(() => mha.Forward(q, k, v, new AttentionOptions { KeyPaddingMask = Tensor.Zeros([2, 4], DType.Bool) }));
        Assert.Contains("got [2, 4]", paddingLength.Message);
    }
}

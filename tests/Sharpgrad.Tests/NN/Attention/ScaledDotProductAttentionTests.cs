using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// Scaled dot-product attention against hand-computed cases: the 1/√E scale, the two mask polarities (bool true =
/// attend, float added), the causal triangle, equal keys giving the mean of the values, dropout's determinism, and the errors.
/// </summary>
public class ScaledDotProductAttentionTests
{
    private static readonly Tensor Keys = Tensor.From(new[,] { { 1.0, 0 }, { 0, 1 } });
    private static readonly Tensor Values = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });

    [Fact]
    public void OneQueryWeighsTheValuesBySoftmaxOfScaledDotProducts()
    {
        // q = [1, 0]: logits q·k/√2 = [1/√2, 0], so w₀ = e^{1/√2} / (e^{1/√2} + 1).
        var (output, weights) = Functional.ScaledDotProductAttention(Tensor.From(new[,] { { 1.0, 0 } }), Keys, Values);
        double w0 = Math.Exp(1 / Math.Sqrt(2)) / (Math.Exp(1 / Math.Sqrt(2)) + 1), w1 = 1 - w0;
        Close([w0, w1], weights, 1e-15);
        Close([w0 * 1 + w1 * 3, w0 * 2 + w1 * 4], output, 1e-14);
    }

    [Fact]
    public void AnExplicitScaleReplacesOneOverRootE()
    {
        var (_, weights) = Functional.ScaledDotProductAttention(Tensor.From(new[,] { { 1.0, 0 } }), Keys, Values, scale: 2);
        double w0 = Math.Exp(2) / (Math.Exp(2) + 1);
        Close([w0, 1 - w0], weights, 1e-15);
    }

    [Fact]
    public void ABoolMaskSaysWhereToAttendAndAFloatMaskIsAdded()
    {
        var q = Tensor.From(new[,] { { 1.0, 0 }, { 0, 1 } });
        var attendOnlySecond = Tensor.From(new[] { false, true });
        var (output, weights) = Functional.ScaledDotProductAttention(q, Keys, Values, attendOnlySecond);
        Close([0.0, 1, 0, 1], weights, 0);
        Close([3.0, 4, 3, 4], output, 0);

        // A float mask of ln 2 on key 0 doubles its unnormalised weight: w₀ = 2e^a / (2e^a + 1) for q = [1, 0].
        var (_, added) = Functional.ScaledDotProductAttention(q, Keys, Values, Tensor.From(new[] { Math.Log(2), 0 }));
        double a = Math.Exp(1 / Math.Sqrt(2));
        Close([2 * a / (2 * a + 1), 1 / (2 * a + 1)], added.Select(0, 0), 1e-15);
    }

    [Fact]
    public void CausalAttentionSeesOnlyEarlierOrEqualPositions()
    {
        var x = Tensor.Randn([3, 2], DType.Float64, new Generator(1));
        var v = Tensor.From(new[,] { { 1.0 }, { 10 }, { 100 } });
        var (output, weights) = Functional.ScaledDotProductAttention(x, x, v, isCausal: true);
        var w = weights.ToDoubleArray();
        Assert.Equal([1.0, 0, 0], w[..3]);
        Assert.Equal([0.0], new[] { w[5] });
        Close([1.0], output.Select(0, 0), 0);     // the first query sees only v₀
        var explicitMask = Tensor.From(new[,] { { 1.0, 0, 0 }, { 1, 1, 0 }, { 1, 1, 1 } }).Ne(0.0);
        Close(Functional.ScaledDotProductAttention(x, x, v, explicitMask).Output, output, 0);
    }

    [Fact]
    public void EqualKeysGiveTheMeanOfTheValues()
    {
        var keys = Tensor.Ones([2, 4, 3], DType.Float64);
        var values = Tensor.Arange(0, 2 * 4 * 2, dtype: DType.Float64).Reshape(2, 4, 2);
        var (output, weights) = Functional.ScaledDotProductAttention(Tensor.Randn([2, 5, 3], DType.Float64, new Generator(2)), keys, values);
        Close(Tensor.Full([2, 5, 4], 0.25, DType.Float64), weights, 1e-15);
        // batch 0: values rows [0,1],[2,3],[4,5],[6,7] → mean [3, 4]; batch 1 → [11, 12]
        Close(Tensor.From(new[,] { { 3.0, 4 }, { 11, 12 } }).Unsqueeze(1).Expand(2, 5, 2), output, 1e-13);
    }

    [Fact]
    public void DropoutOnTheWeightsIsSeededAndRescales()
    {
        var q = Tensor.Randn([2, 6, 4], DType.Float64, new Generator(3));
        var (_, plain) = Functional.ScaledDotProductAttention(q, q, q);
        var (first, w1) = Functional.ScaledDotProductAttention(q, q, q, dropoutP: 0.5, generator: new Generator(7));
        var (second, _) = Functional.ScaledDotProductAttention(q, q, q, dropoutP: 0.5, generator: new Generator(7));
        BitwiseEqual(first, second);
        var kept = w1.ToDoubleArray();
        var expected = plain.ToDoubleArray();
        Assert.Contains(0.0, kept);
        for (int i = 0; i < kept.Length; i++)
            Assert.True(kept[i] == 0 || Math.Abs(kept[i] - 2 * expected[i]) < 1e-15, $"weight {i}: {kept[i]} is neither 0 nor 2×{expected[i]}");
    }

    [Fact]
    public void BadArgumentsNameTheOpAndTheShapes()
    {
        var q = Tensor.Zeros([2, 3, 4]);
        var width = Assert.Throws<ArgumentException>(() => Functional.ScaledDotProductAttention(q, Tensor.Zeros([2, 5, 3]), Tensor.Zeros([2, 5, 4])));
        Assert.Contains("ScaledDotProductAttention", width.Message);
        Assert.Contains("[2, 5, 3]", width.Message);
        var length = Assert.Throws<ArgumentException>(() => Functional.ScaledDotProductAttention(q, Tensor.Zeros([2, 5, 4]), Tensor.Zeros([2, 6, 4])));
        Assert.Contains("same length S", length.Message);
        var mask = Assert.Throws<ArgumentException>(() => Functional.ScaledDotProductAttention(q, q, q, Tensor.Zeros([3, 2])));
        Assert.Contains("attnMask of shape [3, 2] does not broadcast", mask.Message);
        var both = Assert.Throws<ArgumentException>(() => Functional.ScaledDotProductAttention(q, q, q, Tensor.Zeros([3, 3]), isCausal: true));
        Assert.Contains("either attnMask or isCausal", both.Message);
        var intMask = Assert.Throws<ArgumentException>(() => Functional.ScaledDotProductAttention(q, q, q, Tensor.Zeros([3, 3], DType.Int64)));
        Assert.Contains("bool or floating point, got int64", intMask.Message);
    }
}

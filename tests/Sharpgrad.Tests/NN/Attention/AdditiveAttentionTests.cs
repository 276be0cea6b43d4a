using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>Additive attention against a case small enough to compute by hand, its masks and its errors.</summary>
public sealed class AdditiveAttentionTests
{
    /// <summary>
    /// One query, two keys, all sizes 1, W₁ = W₂ = v = 1 and b₂ = 0: scores tanh(h + q). With q = 0 and h = (0, 1) the
    /// scores are (0, tanh 1), the weights (1, e^tanh1)/(1 + e^tanh1) and the context the second weight (h₁ = 0).
    /// </summary>
    [Fact]
    public void MatchesAHandComputedCase()
    {
        var layer = new AdditiveAttention(1, 1, 1, DType.Float64);
        using (Autograd.NoGrad())
        {
            layer.W1.Weight.Fill(1);
            layer.W2.Weight.Fill(1);
            layer.W2.Bias!.Fill(0);
            layer.V.Weight.Fill(1);
        }
        var (context, weights) = layer.Forward(Tensor.Zeros([1, 1], DType.Float64), Tensor.From([0.0, 1.0]).Reshape(1, 2, 1), null);
        double e = Math.Exp(Math.Tanh(1));
        Assert.Equal([1, 2], weights.Shape.ToArray());
        Assert.Equal(1 / (1 + e), weights[0, 0].Item(), 14);
        Assert.Equal(e / (1 + e), weights[0, 1].Item(), 14);
        Assert.Equal(e / (1 + e), context[0, 0].Item(), 14);
        Assert.Equal(["w1.weight", "w2.weight", "w2.bias", "v.weight"], layer.NamedParameters().Select(p => p.Name));
    }

    /// <summary>A masked position gets weight exactly 0, and the weights of the rest are the softmax over them alone.</summary>
    [Fact]
    public void MaskedPositionsGetNoWeight()
    {
        var layer = new AdditiveAttention(3, 4, 5, DType.Float64, new Generator(1));
        var query = Tensor.Randn([2, 3], DType.Float64, new Generator(2));
        var keys = Tensor.Randn([2, 4, 4], DType.Float64, new Generator(3));
        var mask = Tensor.From(new[] { false, false, true, true, false, false, false, false }).Reshape(2, 4);
        var (context, weights) = layer.Forward(query, keys, mask);
        Assert.Equal(0.0, weights[0, 2].Item());
        Assert.Equal(0.0, weights[0, 3].Item());
        // Row 0 restricted to its first two keys, unmasked, gives the same weights and context.
        var (shortContext, shortWeights) = layer.Forward(query.Narrow(0, 0, 1), keys.Narrow(0, 0, 1).Narrow(1, 0, 2), null);
        Assert.True((weights.Narrow(0, 0, 1).Narrow(1, 0, 2) - shortWeights).Abs().Max().Item() < 1e-14);
        Assert.True((context.Narrow(0, 0, 1) - shortContext).Abs().Max().Item() < 1e-14);
        Assert.True((weights.Sum(1) - 1).Abs().Max().Item() < 1e-14);
    }

    /// <summary>
    /// The mask holds at every decoder step: for four successive queries against the same projected keys (as a decoder
    /// calls <see cref="AdditiveAttention.Attend"/>), the padded positions of row 1 get weight exactly 0, the keys there
    /// can hold anything (here ±1000) without changing the weights or the context, and no gradient reaches them.
    /// </summary>
    [Fact]
    public void PaddedPositionsGetZeroWeightAndNoGradientAtEveryStep()
    {
        var layer = new AdditiveAttention(3, 4, 5, DType.Float64, new Generator(4));
        var keys = Tensor.Randn([2, 5, 4], DType.Float64, new Generator(5));
        var mask = Tensor.From(new[] { false, false, false, false, false, false, false, true, true, true }).Reshape(2, 5);
        var garbage = keys.Clone();
        using (Autograd.NoGrad())
        {
            garbage.Select(0, 1).Narrow(0, 2, 2).Fill(1000);
            garbage.Select(0, 1).Select(0, 4).Fill(-1000);
        }
        keys.RequireGrad();
        var projected = layer.ProjectKeys(keys);
        var projectedGarbage = layer.ProjectKeys(garbage);
        var total = Tensor.Zeros([], DType.Float64);
        for (int step = 0; step < 4; step++)
        {
            var query = Tensor.Randn([2, 3], DType.Float64, new Generator(10 + step));
            var (context, weights) = layer.Attend(query, keys, projected, mask);
            Assert.Equal(0.0, weights.Select(0, 1).Narrow(0, 2, 3).Abs().Max().Item());
            Assert.True(weights.Select(0, 0).Min().Item() > 0, $"step {step}: an unmasked position got no weight");
            var (garbageContext, garbageWeights) = layer.Attend(query, garbage, projectedGarbage, mask);
            Assert.Equal(0.0, (garbageWeights - weights).Abs().Max().Item());
            Assert.Equal(0.0, (garbageContext - context).Abs().Max().Item());
            total = total + (context * context).Sum() + (weights * Tensor.Randn([2, 5], DType.Float64, new Generator(20 + step))).Sum();
        }
        total.Backward();
        Assert.Equal(0.0, keys.Grad!.Select(0, 1).Narrow(0, 2, 3).Abs().Max().Item());
        Assert.True(keys.Grad!.Select(0, 1).Narrow(0, 0, 2).Abs().Max().Item() > 1e-6);
    }

    /// <summary>A mask that is not bool [N, S] is refused with both shapes named, whatever way it is wrong.</summary>
    [Theory]
    [InlineData("transposed")]
    [InlineData("per query")]
    [InlineData("float")]
    [InlineData("one row")]
    public void AMaskOfTheWrongShapeOrTypeIsRefused(string kind)
    {
        var layer = new AdditiveAttention(3, 4, 5);
        var (query, keys) = (Tensor.Zeros(2, 3), Tensor.Zeros(2, 6, 4));
        var mask = kind switch
        {
            "transposed" => Tensor.Zeros([6, 2], DType.Bool),
            "per query" => Tensor.Zeros([2, 1, 6], DType.Bool),
            "float" => Tensor.Zeros(2, 6),
            _ => Tensor.Zeros([6], DType.Bool),
        };
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(query, keys, mask));
        Assert.Contains("AdditiveAttention: the key padding mask must be bool [N, S] = [2, 6]", error.Message);
        Assert.Contains(mask.ShapeText, error.Message);
    }

    [Fact]
    public void BadInputIsAnErrorNamingTheShapes()
    {
        var layer = new AdditiveAttention(3, 4, 5);
        var query = Tensor.Zeros(2, 3);
        var keys = Tensor.Zeros(2, 6, 4);
        var wrongMask = Assert.Throws<ArgumentException>(() => layer.Forward(query, keys, Tensor.Zeros([2, 5], DType.Bool)));
        Assert.Contains("AdditiveAttention", wrongMask.Message);
        Assert.Contains("[2, 6]", wrongMask.Message);
        Assert.Contains("[2, 5]", wrongMask.Message);
        var allMasked = Tensor.Zeros([2, 6], DType.Bool);
        using (Autograd.NoGrad()) allMasked.Select(0, 1).Fill(1);
        Assert.Contains("masks all 6 positions", Assert.Throws<ArgumentException>(() => layer.Forward(query, keys, allMasked)).Message);
        Assert.Contains("keys [N, S, 4]", Assert.Throws<ArgumentException>(() => layer.Forward(query, Tensor.Zeros(2, 6, 3), null)).Message);
        Assert.Contains("W₂ must be [A, Dq] = [A, 2], got [5, 3]", Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 2), keys, null)).Message);
    }
}

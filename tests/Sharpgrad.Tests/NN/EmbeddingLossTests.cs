using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN;

/// <summary>Issue #10's losses (ranking, embedding, Poisson and Gaussian likelihoods) on hand-computed cases and their argument checks.</summary>
public class EmbeddingLossTests
{
    private static Tensor Row(params double[] v) => Tensor.From(v).View(1, -1);

    [Fact]
    public void TripletMarginIsAHingeOnTheDistanceGap()
    {
        // d(a, p) = 1, d(a, n) = 2: margin 1.5 gives 1.5 + 1 − 2 = 0.5; margin 0.5 gives max(0, −0.5) = 0.
        var a = Row(0, 0);
        var p = Row(1, 0);
        Close([0.5], Losses.TripletMargin(a, p, Row(0, 2), margin: 1.5, eps: 0, reduction: Reduction.None), 1e-15);
        Close([0], Losses.TripletMargin(a, p, Row(0, 2), margin: 0.5, eps: 0, reduction: Reduction.None));
        // n = (3, 0): d(a, n) = 3 gives 0, but with swap the negative's distance is min(3, d(p, n) = 2), giving 0.5.
        Close([0], Losses.TripletMargin(a, p, Row(3, 0), margin: 1.5, eps: 0, reduction: Reduction.None));
        Close([0.5], Losses.TripletMargin(a, p, Row(3, 0), margin: 1.5, eps: 0, swap: true, reduction: Reduction.None), 1e-15);
    }

    [Fact]
    public void MarginRankingAndCosineEmbeddingByHand()
    {
        var x1 = Tensor.From(new[] { 2.0, 1.0 });
        var x2 = Tensor.From(new[] { 1.0, 3.0 });
        // max(0, −y·(x1 − x2) + margin): y = 1 wants x1 ahead of x2 by the margin, y = −1 the reverse.
        Close([0, 2.5], Losses.MarginRanking(x1, x2, Tensor.From(new[] { 1.0, 1.0 }), margin: 0.5, Reduction.None));
        Close([1.5, 0], Losses.MarginRanking(x1, x2, Tensor.From(new[] { -1.0, -1.0 }), margin: 0.5, Reduction.None));
        Close([0.75], Losses.MarginRanking(x1, x2, Tensor.From(new[] { -1.0, -1.0 }), margin: 0.5).View(1));

        var u = Tensor.From(new[,] { { 1.0, 0 }, { 1.0, 0 }, { 1.0, 1 } });
        var v = Tensor.From(new[,] { { 0.0, 1 }, { 1.0, 0 }, { 1.0, 1 } });
        // cos = 0, 1, 1: similar pairs lose 1 − cos, dissimilar ones max(0, cos − margin), any other label 0.
        Close([1, 0.8, 0], Losses.CosineEmbedding(u, v, Tensor.From(new[] { 1.0, -1, 0 }), margin: 0.2, Reduction.None), 1e-11);
    }

    [Fact]
    public void PoissonNLLAddsStirlingsTermOnlyAboveOne()
    {
        var logRate = Tensor.From(new[] { 0.0, 0.0, 0.0 });
        var target = Tensor.From(new[] { 0.0, 1.0, 3.0 });
        // e⁰ − t·0 = 1 each; full adds t·log t − t + ½·log(2πt) for t = 3 only.
        Close([1, 1, 1], Losses.PoissonNLL(logRate, target, reduction: Reduction.None));
        Close([1, 1, 1 + 3 * Math.Log(3) - 3 + 0.5 * Math.Log(2 * Math.PI * 3)], Losses.PoissonNLL(logRate, target, full: true, reduction: Reduction.None), 1e-14);
        // Rates: λ − t·log(λ + ε).
        Close([2 - 3 * Math.Log(2 + 1e-8)], Losses.PoissonNLL(Tensor.From(new[] { 2.0 }), Tensor.From(new[] { 3.0 }), logInput: false), 1e-14);
    }

    [Fact]
    public void GaussianNLLIsHalfLogVariancePlusTheScaledSquare()
    {
        var input = Tensor.From(new[,] { { 1.0, 2.0 }, { 0.0, 0.0 } });
        var target = Tensor.From(new[,] { { 1.0, 0.0 }, { 0.0, 3.0 } });
        var variance = Tensor.From(new[] { 1.0, 4.0 });                 // one per example, broadcast over the last dim
        Close([0, 2, Math.Log(2), Math.Log(2) + 9.0 / 8], Losses.GaussianNLL(input, target, variance, reduction: Reduction.None), 1e-15);
        Close([0.5 * Math.Log(2 * Math.PI)], Losses.GaussianNLL(Row(1), Row(1), Row(1), full: true).View(1), 1e-15);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var m = Tensor.Zeros([2, 3], DType.Float64);
        Assert.Contains("TripletMargin: anchor, positive and negative must all be [N, D] or all [D], got shapes [2, 3], [2, 3] and [3]",
            Assert.Throws<ArgumentException>(() => Losses.TripletMargin(m, m, Tensor.Zeros([3], DType.Float64))).Message);
        Assert.Contains("MarginRanking: input shape [2, 3] and target shape [2] must be equal",
            Assert.Throws<ArgumentException>(() => Losses.MarginRanking(m, m, Tensor.Zeros([2], DType.Float64))).Message);
        Assert.Contains("CosineEmbedding: expected inputs [N, D] with target [N] (or [D] with a 0-d target), got inputs [2, 3] and target [3]",
            Assert.Throws<ArgumentException>(() => Losses.CosineEmbedding(m, m, Tensor.Zeros([3], DType.Float64))).Message);
        Assert.Contains("GaussianNLL: the variance must have the input's shape [2, 3], or [2] or [2, 1] (one per example), got [3]",
            Assert.Throws<ArgumentException>(() => Losses.GaussianNLL(m, m, Tensor.Ones([3], DType.Float64))).Message);
        Assert.Contains("GaussianNLL: the variance has negative entries",
            Assert.Throws<ArgumentException>(() => Losses.GaussianNLL(m, m, Tensor.Full([2, 3], -1.0, DType.Float64))).Message);
        Assert.Contains("PoissonNLL: input shape [2, 3] and target shape [3] must be equal",
            Assert.Throws<ArgumentException>(() => Losses.PoissonNLL(m, Tensor.Zeros([3], DType.Float64))).Message);
    }
}

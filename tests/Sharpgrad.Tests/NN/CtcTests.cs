using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>CTC on cases small enough to list every alignment by hand (Graves et al. 2006, GBC §10.4).</summary>
public class CtcTests
{
    // Per-frame probabilities over {blank, a, b}; the loss takes their logs.
    private static readonly double[,] Probabilities = { { 0.5, 0.3, 0.2 }, { 0.2, 0.6, 0.2 }, { 0.4, 0.3, 0.3 } };

    private static Tensor LogProbs(int frames) =>
        Tensor.FromArray(Enumerable.Range(0, frames * 3).Select(i => Math.Log(Probabilities[i / 3, i % 3])).ToArray(), frames, 1, 3);

    private static double Y(int t, int c) => Probabilities[t, c];

    private static Tensor Ctc(Tensor logProbs, long[] target, int frames, bool zeroInfinity = false)
        => Losses.Ctc(logProbs, Tensor.From(target).View(1, -1), [frames], [target.Length], reduction: Reduction.Sum, zeroInfinity: zeroInfinity);

    [Fact]
    public void OneLabelOverTwoFramesSumsItsThreeAlignments()
    {
        // "a" from 2 frames: aa, _a, a_.
        double p = Y(0, 1) * Y(1, 1) + Y(0, 0) * Y(1, 1) + Y(0, 1) * Y(1, 0);
        Assert.Equal(-Math.Log(p), Ctc(LogProbs(2), [1], 2).Item(), 1e-14);
    }

    [Fact]
    public void ARepeatedLabelNeedsABlankBetween()
    {
        // "aa" from 3 frames has exactly one alignment, a_a; "ab" has abb, aab, a_b, _ab, ab_.
        Assert.Equal(-Math.Log(Y(0, 1) * Y(1, 0) * Y(2, 1)), Ctc(LogProbs(3), [1, 1], 3).Item(), 1e-14);
        double ab = Y(0, 1) * Y(1, 2) * Y(2, 2) + Y(0, 1) * Y(1, 1) * Y(2, 2) + Y(0, 1) * Y(1, 0) * Y(2, 2)
            + Y(0, 0) * Y(1, 1) * Y(2, 2) + Y(0, 1) * Y(1, 2) * Y(2, 0);
        Assert.Equal(-Math.Log(ab), Ctc(LogProbs(3), [1, 2], 3).Item(), 1e-14);
    }

    [Fact]
    public void UnbatchedInputIsABatchOfOneWithA0dLoss()
    {
        double p = Y(0, 1) * Y(1, 1) + Y(0, 0) * Y(1, 1) + Y(0, 1) * Y(1, 0);
        var loss = Losses.Ctc(LogProbs(2).View(2, 3), Tensor.From(new long[] { 1 }), Tensor.Scalar(2, DType.Int64), Tensor.Scalar(1, DType.Int64),
            reduction: Reduction.None);
        Assert.Equal(0, loss.Rank);
        Assert.Equal(-Math.Log(p), loss.Item(), 1e-14);
    }

    [Fact]
    public void AnEmptyTargetIsAllBlanks()
        => Assert.Equal(-Math.Log(Y(0, 0) * Y(1, 0) * Y(2, 0)), Ctc(LogProbs(3), [], 3).Item(), 1e-14);

    [Fact]
    public void AnImpossibleAlignmentIsInfiniteOrZeroWithZeroInfinity()
    {
        // "aa" needs 3 frames; with 2 there is no alignment. PyTorch: loss +inf and a NaN gradient, or 0 and 0.
        var lp = LogProbs(2).RequireGrad();
        var loss = Ctc(lp, [1, 1], 2);
        Assert.Equal(double.PositiveInfinity, loss.Item());
        Assert.True(Autograd.Grad([loss], [lp])[0].ToDoubleArray().All(double.IsNaN));

        var zeroed = Ctc(lp, [1, 1], 2, zeroInfinity: true);
        Assert.Equal(0.0, zeroed.Item());
        Assert.All(Autograd.Grad([zeroed], [lp])[0].ToDoubleArray(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void TheGradientIsMinusTheShareOfPathsThroughEachFrameAndClass()
    {
        // For "a" over 2 frames, ∂(−log p)/∂log y₀(a) = −(y₀(a)y₁(a) + y₀(a)y₁(_))/p, and frames past the input length get 0.
        var lp = LogProbs(3).RequireGrad();
        var loss = Ctc(lp, [1], 2);
        var grad = Autograd.Grad([loss], [lp])[0];
        double p = Y(0, 1) * Y(1, 1) + Y(0, 0) * Y(1, 1) + Y(0, 1) * Y(1, 0);
        Assert.Equal(-(Y(0, 1) * Y(1, 1) + Y(0, 1) * Y(1, 0)) / p, grad[0, 0, 1].Item(), 1e-14);
        Assert.Equal(-Y(0, 0) * Y(1, 1) / p, grad[0, 0, 0].Item(), 1e-14);
        Assert.Equal(0.0, grad[0, 0, 2].Item());
        Assert.All(grad[2].ToDoubleArray(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void MeanDividesEachLossByItsTargetLength()
    {
        var lp = LogProbs(3).Expand(3, 2, 3).Contiguous();
        var targets = Tensor.From(new long[,] { { 1, 2 }, { 2, 0 } });
        var none = Losses.Ctc(lp, targets, [3, 3], [2, 0], reduction: Reduction.None).ToDoubleArray();
        var mean = Losses.Ctc(lp, targets, [3, 3], [2, 0]).Item();
        Assert.Equal((none[0] / 2 + none[1] / 1) / 2, mean, 1e-14);   // an empty target divides by 1
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var lp = LogProbs(3);
        var target = Tensor.From(new long[] { 1 }).View(1, 1);
        Assert.Contains("Ctc: expected log-probabilities [T, N, C] (or unbatched [T, C]), got shape [9]",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp.View(9), target, [3], [1])).Message);
        Assert.Contains("Ctc: blank 3 is not a class",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp, target, [3], [1], blank: 3)).Message);
        Assert.Contains("Ctc: input length 4 of example 0 exceeds the 3 frames",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp, target, [4], [1])).Message);
        Assert.Contains("Ctc: target length 2 of example 0 exceeds the padded targets' width 1",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp, target, [3], [2])).Message);
        Assert.Contains("Ctc: target label 0 of example 0 must be a class in [0, 3) other than the blank 0",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp, Tensor.From(new long[] { 0 }), [3], [1])).Message);
        Assert.Contains("Ctc: the target lengths add up to 2 but the concatenated targets have 1 labels",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp, Tensor.From(new long[] { 1 }), [3], [2])).Message);
        Assert.Contains("Ctc: input lengths must be an int64 tensor of shape [1], got float64 [1]",
            Assert.Throws<ArgumentException>(() => Losses.Ctc(lp, target, Tensor.From(new[] { 3.0 }), Tensor.From(new long[] { 1 }))).Message);
    }
}

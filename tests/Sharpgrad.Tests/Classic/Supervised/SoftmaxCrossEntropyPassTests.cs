using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Supervised;

/// <summary>
/// LogisticRegression's host pass over the logits (issue #21, cold21) against the tensor expression it replaced, and
/// against a hand-worked row: bitwise the same log-probabilities, and the same residual wherever the tensor Exp runs one run, so the fit's L-BFGS path
/// is unchanged.
/// </summary>
public class SoftmaxCrossEntropyPassTests
{
    [Fact]
    public void ARowWorkedByHand()
    {
        // z = [0, ln 3]: softmax = [1/4, 3/4]; target 1: log p = ln(3/4), residual [1/4, 3/4 − 1].
        double[] logits = [0, Math.Log(3)];
        var picked = SoftmaxCrossEntropyPass.Residual(logits, 1, 2, [1]);
        Assert.Equal(Math.Log(0.75), picked[0], 14);
        Assert.Equal(0.25, logits[0], 14);
        Assert.Equal(-0.25, logits[1], 14);
    }

    [Theory]
    [InlineData(37, 3)]        // 111 entries: a scalar tail after the SIMD vectors
    [InlineData(1797, 10)]     // the digits benchmark's shape
    [InlineData(11_003, 3)]    // 33,009 entries: past one parallel grain, still one run of the elementwise kernel
    [InlineData(21_845, 3)]    // 65,535 entries: the largest buffer the tensor Exp runs as one run
    public void MatchesTheTensorExpressionBitwise(int rows, int classes)
    {
        var (expectedPicked, expectedResidual, picked, residual) = BothWays(rows, classes);
        Assert.Equal(expectedPicked, picked);
        Assert.Equal(expectedResidual, residual);
    }

    // Past two parallel grains the tensor Exp runs the buffer in chunks, and each chunk's scalar tail uses Math.Exp where
    // the pass uses Vector.Exp: the log-probabilities are still bitwise equal (row-wise, not chunked), the residual
    // within a few ulps of the residual's scale.
    [Theory]
    [InlineData(21_846, 3)]    // 65,538 entries: two chunks of 32,769, the second starting off the vector width
    [InlineData(60_000, 10)]   // Fashion-MNIST's shape: 18 chunks of 33,334, each with its own scalar tail
    public void MatchesTheChunkedTensorExpressionWithinUlps(int rows, int classes)
    {
        var (expectedPicked, expectedResidual, picked, residual) = BothWays(rows, classes);
        Assert.Equal(expectedPicked, picked);
        for (int i = 0; i < residual.Length; i++)
            Assert.True(Math.Abs(residual[i] - expectedResidual[i]) <= 1e-15, $"entry {i}: {residual[i]:R} against {expectedResidual[i]:R}");
    }

    private static (double[] ExpectedPicked, double[] ExpectedResidual, double[] Picked, double[] Residual) BothWays(int rows, int classes)
    {
        var gen = new Generator(rows);
        var z = 3 * Tensor.Randn([rows, classes], DType.Float64, gen);
        var y = Tensor.RandInt(0, classes, [rows], gen);
        var logProbabilities = z.LogSoftmax(1);
        var expectedResidual = (logProbabilities.Exp() - Tensor.OneHot(y, classes, DType.Float64)).ToDoubleArray();
        var expectedPicked = logProbabilities.Gather(1, y.Unsqueeze(1)).ToDoubleArray();

        var logits = z.ToDoubleArray();
        var picked = SoftmaxCrossEntropyPass.Residual(logits, rows, classes, y.ToArray<long>());
        return (expectedPicked, expectedResidual, picked, logits);
    }

    [Fact]
    public void MismatchedSizesAreAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropyPass.Residual(new double[5], 2, 3, [0, 1]));
        Assert.Contains("SoftmaxCrossEntropyPass", error.Message);
        Assert.Contains("[2, 3]", error.Message);
    }
}

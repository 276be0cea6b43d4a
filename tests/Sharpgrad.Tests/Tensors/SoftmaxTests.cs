using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Softmax and log-softmax: the stable numerics of GBC §4.1 and the temperature form of BOOKS §3.</summary>
public class SoftmaxTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void EqualHugeLogitsGiveExactlyOneThird(DType dtype)
    {
        var p = Tensor.Full([3], 1e4, dtype).Softmax();
        Assert.All(p.ToDoubleArray(), v => Assert.Equal((double)(dtype == DType.Float32 ? 1f / 3 : 1.0 / 3), v));
    }

    [Theory]
    [InlineData(1e4, 1)]
    [InlineData(-1e4, 2)]
    [InlineData(1e4, 5)]
    [InlineData(-1e4, 8)]
    [InlineData(1e4, 16)]
    public void EqualEntriesOfPlusOrMinus1e4GiveExactlyOneOverN(double value, int n)
    {
        // BOOKS §1: never NaN, and exactly 1/n: after the max shift every exp is e⁰ = 1.
        var p = Tensor.Full([2, n], value, DType.Float64).Softmax();
        Assert.All(p.ToDoubleArray(), v => Assert.Equal(1.0 / n, v));
    }

    [Fact]
    public void MixedHugeLogitsDoNotOverflow()
    {
        var p = Tensor.From(new[] { 1e4, -1e4, 1e4 - Math.Log(3) }).Softmax().ToDoubleArray();
        Assert.Equal(0.75, p[0], 1e-12);
        Assert.Equal(0, p[1]);
        Assert.Equal(0.25, p[2], 1e-12);
    }

    [Fact]
    public void LogSoftmaxStaysFiniteWhereLogOfSoftmaxIsMinusInfinity()
    {
        // softmax([0, −1e4])₁ = e^−1e4 underflows to 0, so log(softmax) = −∞; log-softmax is the exact −1e4.
        var z = Tensor.From(new[] { 0.0, -1e4 });
        Assert.True(double.IsNegativeInfinity(z.Softmax().Log().ToDoubleArray()[1]));
        var logP = z.LogSoftmax().ToDoubleArray();
        Assert.All(logP, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0, logP[0]);
        Assert.Equal(-1e4, logP[1]);
        Assert.Equal(-1e4, Tensor.From(new[] { 0f, -1e4f }).LogSoftmax().ToDoubleArray()[1]);
    }

    [Fact]
    public void RowsAreProbabilityDistributions()
    {
        var x = Randn(1, 4, 7);
        Close(Enumerable.Repeat(1.0, 4).ToArray(), x.Softmax(1).Sum(1), 1e-15);
        Close(Enumerable.Repeat(1.0, 7).ToArray(), x.Softmax(0).Sum(0), 1e-15);
        Close(x.Softmax(0), x.LogSoftmax(0).Exp(), 1e-15);
        // The same along a non-contiguous dim: softmax over dim 1 of a transposed 3-D tensor.
        var t = Randn(2, 3, 4, 5).Transpose(0, 2);
        Close(Enumerable.Repeat(1.0, 5 * 3).ToArray(), t.Softmax(1).Sum(1), 1e-15);
    }

    [Fact]
    public void SoftmaxMatchesItsDefinition()
    {
        var x = Tensor.From(new[] { 1.0, 2, 3 });
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Close([Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z], x.Softmax(), 1e-15);
        Close([1 - Math.Log(z), 2 - Math.Log(z), 3 - Math.Log(z)], x.LogSoftmax(), 1e-14);
    }

    [Fact]
    public void BetaIsAnInverseTemperature()
    {
        // softmax(βx) = softmax with β folded into the logits; large β approaches the one-hot argmax, β = 0 is uniform.
        var x = Tensor.From(new[] { 0.5, 2, 1 });
        Close((x * 2.5).Softmax(), x.Softmax(beta: 2.5), 1e-15);
        Close([0, 1, 0], x.Softmax(beta: 1000), 1e-300);
        Close([1.0 / 3, 1.0 / 3, 1.0 / 3], x.Softmax(beta: 0), 1e-16);
    }

    [Fact]
    public void ZeroDimSoftmaxIsOne()
    {
        Assert.Equal(1, Tensor.Scalar(5).Softmax(0).Item());
        Assert.Equal(0, Tensor.Scalar(5).LogSoftmax(0).Item());
    }

    /// <summary>
    /// Float32 rows take their exps in SIMD lanes (about 1 ulp). Against softmax computed in float64 from the same
    /// float32 logits by a plain loop: within 1e-6 relative, and below 2e-38 where eʸ underflows (y &lt; −87 after the
    /// max shift, the kernel returns 0). Odd lengths exercise the scalar tail; σ = 30 puts many logits below −87;
    /// −∞ entries (masked keys) give exactly 0.
    /// </summary>
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(7, 1.0)]
    [InlineData(8, 3.0)]
    [InlineData(9, 30.0)]
    [InlineData(64, 1.0)]
    [InlineData(67, 30.0)]
    public void Float32RowsMatchAFloat64Reference(int length, double sigma)
    {
        const int rows = 5;
        float[] logits = (Tensor.Randn([rows, length], DType.Float64, new Generator(length)) * sigma).To(DType.Float32).ToArray<float>();
        if (length > 2) logits[length + 2] = float.NegativeInfinity;
        float[] p = Tensor.From(logits).View(rows, length).Softmax(-1).ToArray<float>();
        for (int r = 0; r < rows; r++)
        {
            // The shift y = x − max is rounded to float32 in the reference too: at |y| ≈ 80 its rounding alone moves eʸ by
            // 4e-6 relative, in any float32 softmax; what is tested here is the exp, the sum and the division.
            var row = logits.AsSpan(r * length, length).ToArray();
            float max = row.Max();
            var shifted = row.Select(v => (double)(v - max)).ToArray();
            double sum = shifted.Sum(Math.Exp);
            for (int c = 0; c < length; c++)
            {
                double expected = Math.Exp(shifted[c]) / sum, actual = p[r * length + c];
                Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected + 2e-38,
                    $"row {r}, column {c} of length {length}: {actual} against {expected}");
                if (float.IsNegativeInfinity(row[c])) Assert.Equal(0f, p[r * length + c]);
            }
        }
    }

    [Fact]
    public void Float32SoftmaxBitsDoNotDependOnTheThreadCount()
    {
        var x = Tensor.Randn([300, 67], DType.Float32, new Generator(4)) * 10;   // 300 rows: several chunks at 2 threads
        Tensor one, two;
        using (Threads.Use(1)) one = x.Softmax(-1);
        using (Threads.Use(2)) two = x.Softmax(-1);
        BitwiseEqual(one, two);
    }
}

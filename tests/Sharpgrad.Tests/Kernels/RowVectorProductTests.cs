using Sharpgrad.Kernels;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// <see cref="RowVectorProduct"/>, the batch-1 product a·B that reads B in place: both of B's contiguous layouts, odd
/// sizes around the vector width and the four-column blocks, overwriting and accumulating, with offsets, against the
/// plain sum Σ_p a[p]·B[p, j]; the same bits at one and two threads; and a batch-1 Linear against its definition.
/// </summary>
public class RowVectorProductTests
{
    public static TheoryData<int, int> Shapes() => new() { { 1, 1 }, { 3, 1 }, { 1, 7 }, { 5, 9 }, { 17, 33 }, { 37, 100 }, { 64, 31 }, { 130, 129 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ColumnsContiguousMatchesTheSum(int k, int n) => Check(k, n, columnsContiguous: true);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RowsContiguousMatchesTheSum(int k, int n) => Check(k, n, columnsContiguous: false);

    private static void Check(int k, int n, bool columnsContiguous)
    {
        var gen = new Generator(21);
        foreach (bool accumulate in new[] { false, true })
        {
            const int aOffset = 2, bOffset = 5, cOffset = 3;
            var a = Tensor.Randn([aOffset + k], DType.Float64, gen).ToArray<double>();
            var b = Tensor.Randn([bOffset + k * n], DType.Float64, gen).ToArray<double>();
            var c = Tensor.Randn([cOffset + n + 4], DType.Float64, gen).ToArray<double>();
            var before = (double[])c.Clone();
            // B[p, j] at bOffset + p·rowStride + j·colStride.
            var (rowStride, colStride) = columnsContiguous ? (1, k) : (n, 1);
            var left = new Gemm.Operand<double>(a, aOffset, k, 1);
            var right = new Gemm.Operand<double>(b, bOffset, rowStride, colStride);
            Assert.True(RowVectorProduct.Applies(1, left, right));
            RowVectorProduct.Multiply(n, k, left, right, c, cOffset, accumulate);
            for (int i = 0; i < c.Length; i++)
            {
                int j = i - cOffset;
                if (j < 0 || j >= n)
                {
                    Assert.Equal(before[i], c[i]);
                    continue;
                }
                double expected = accumulate ? before[i] : 0;
                for (int p = 0; p < k; p++) expected += a[aOffset + p] * b[bOffset + p * rowStride + j * colStride];
                Assert.True(Math.Abs(expected - c[i]) <= 1e-13 * (1 + Math.Abs(expected)) * k,
                    $"k = {k}, n = {n}, columns contiguous {columnsContiguous}, accumulate {accumulate}: c[{j}] = {c[i]:R}, expected {expected:R}");
            }
        }
    }

    /// <summary>Large enough (k·n above 2²⁰ per thread) that two threads split the columns; the bits must not change.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SameBitsAtOneAndTwoThreads(bool columnsContiguous)
    {
        const int k = 1031, n = 2053;
        var gen = new Generator(3);
        var a = Tensor.Randn([k], DType.Float32, gen).ToArray<float>();
        var b = Tensor.Randn([k * n], DType.Float32, gen).ToArray<float>();
        var (rowStride, colStride) = columnsContiguous ? (1, k) : (n, 1);
        float[] Run()
        {
            var c = new float[n];
            RowVectorProduct.Multiply(n, k, new Gemm.Operand<float>(a, 0, k, 1), new Gemm.Operand<float>(b, 0, rowStride, colStride), c, 0, false);
            return c;
        }
        var (one, two) = Support.ThreadCounts.OneAndTwo(Run);
        Assert.Equal(one, two);
    }

    /// <summary>Linear on one example (the weight read transposed in place, the bias accumulated onto) against y = W·x + b.</summary>
    [Fact]
    public void BatchOneLinearMatchesItsDefinition()
    {
        var gen = new Generator(4);
        const int inFeatures = 37, outFeatures = 13;
        var x = Tensor.Randn([1, inFeatures], DType.Float64, gen);
        var w = Tensor.Randn([outFeatures, inFeatures], DType.Float64, gen);
        var bias = Tensor.Randn([outFeatures], DType.Float64, gen);
        var y = Functional.Linear(x, w, bias).ToArray<double>();
        var (xs, ws, bs) = (x.ToArray<double>(), w.ToArray<double>(), bias.ToArray<double>());
        for (int o = 0; o < outFeatures; o++)
        {
            double expected = bs[o];
            for (int i = 0; i < inFeatures; i++) expected += ws[o * inFeatures + i] * xs[i];
            Assert.Equal(expected, y[o], 1e-12);
        }
    }
}

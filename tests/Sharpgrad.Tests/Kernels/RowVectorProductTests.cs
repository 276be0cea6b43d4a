using Sharpgrad.Kernels;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// <see cref="RowVectorProduct"/>, the batch-1 product a·B that reads B in place: both of B's contiguous layouts, odd
/// sizes around the vector width and the four-column blocks, overwriting and accumulating, with offsets, against the
/// plain sum Σ_p a[p]·B[p, j]; float32 and the MatMul and Linear that reach it against a closed form on integer
/// operands (exact in float32); the same bits at one and two threads; and a batch-1 Linear against its definition.
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

    /// <summary>
    /// float32 against a closed form: a[p] = p + 1 and B[p, j] = p − j give
    /// c[j] = Σ_p (p + 1)(p − j) = (k − 1)k(k + 1)/3 − j·k(k + 1)/2. Every product and partial sum is an integer of
    /// magnitude below Σ_p (p + 1)(p + j) &lt; 2²⁴, so float32 holds each exactly in any order of summation and the
    /// result must be exact; accumulating adds it to c's earlier 2j.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float32IsExactOnIntegerOperands(int k, int n)
    {
        foreach (bool columnsContiguous in new[] { true, false })
            foreach (bool accumulate in new[] { false, true })
            {
                var a = new float[k];
                var b = new float[k * n];
                var (rowStride, colStride) = columnsContiguous ? (1, k) : (n, 1);
                for (int p = 0; p < k; p++)
                {
                    a[p] = p + 1;
                    for (int j = 0; j < n; j++) b[p * rowStride + j * colStride] = p - j;
                }
                var c = Enumerable.Range(0, n).Select(j => 2f * j).ToArray();
                var left = new Gemm.Operand<float>(a, 0, k, 1);
                var right = new Gemm.Operand<float>(b, 0, rowStride, colStride);
                Assert.True(RowVectorProduct.Applies(1, left, right));
                RowVectorProduct.Multiply(n, k, left, right, c, 0, accumulate);
                for (int j = 0; j < n; j++)
                    Assert.True(ClosedForm(k, j) + (accumulate ? 2 * j : 0) == c[j],
                        $"k = {k}, n = {n}, columns contiguous {columnsContiguous}, accumulate {accumulate}: c[{j}] = {c[j]}, expected {ClosedForm(k, j) + (accumulate ? 2 * j : 0)}");
            }
    }

    /// <summary>
    /// The same closed form through <see cref="Tensor.MatMul"/>, which takes the matrix-vector product for one row: a [1, k]
    /// and a 1-D a [k], a batch [2, 1, k] (the second row 2a, so 2c), B row-major [k, n] and B as the transpose of a
    /// row-major [n, k] (columns contiguous), in float32 and float64: exact either way.
    /// </summary>
    [Theory]
    [InlineData(5, 9)]
    [InlineData(37, 100)]
    [InlineData(130, 129)]
    public void MatMulOfOneRowIsExactOnIntegerOperands(int k, int n)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var a = Tensor.FromArray(Enumerable.Range(1, k).Select(p => (double)p).ToArray(), 1, k).To(dtype);
            var rowMajor = new double[k * n];
            var transposed = new double[n * k];
            for (int p = 0; p < k; p++)
                for (int j = 0; j < n; j++) rowMajor[p * n + j] = transposed[j * k + p] = p - j;
            var expected = Enumerable.Range(0, n).Select(j => ClosedForm(k, j)).ToArray();
            foreach (var b in new[] { Tensor.FromArray(rowMajor, k, n).To(dtype), Tensor.FromArray(transposed, n, k).To(dtype).Transpose(0, 1) })
            {
                Assert.Equal(expected, a.MatMul(b).To(DType.Float64).ToArray<double>());
                Assert.Equal(expected, a.Reshape(k).MatMul(b).To(DType.Float64).ToArray<double>());
                var batch = Tensor.Cat([a, a * 2]).Reshape(2, 1, k);
                Assert.Equal(expected.Concat(expected.Select(v => 2 * v)).ToArray(), batch.MatMul(b).To(DType.Float64).ToArray<double>());
            }
        }
    }

    /// <summary>Σ_{p &lt; k} (p + 1)(p − j) = Σ p(p + 1) − j·Σ (p + 1) = (k − 1)k(k + 1)/3 − j·k(k + 1)/2.</summary>
    private static double ClosedForm(int k, int j) => (double)(k - 1) * k * (k + 1) / 3 - (double)j * k * (k + 1) / 2;

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

    /// <summary>
    /// A float32 Linear on one example against a closed form: x[i] = i + 1, W[o, i] = i − o and b[o] = o give
    /// y[o] = (k − 1)k(k + 1)/3 − o·k(k + 1)/2 + o, integers below 2²⁴ throughout, so exact.
    /// </summary>
    [Fact]
    public void BatchOneFloat32LinearIsExactOnIntegerOperands()
    {
        const int inFeatures = 67, outFeatures = 19;
        var x = Tensor.FromArray(Enumerable.Range(1, inFeatures).Select(i => (float)i).ToArray(), 1, inFeatures);
        var w = new float[outFeatures * inFeatures];
        for (int o = 0; o < outFeatures; o++)
            for (int i = 0; i < inFeatures; i++) w[o * inFeatures + i] = i - o;
        var bias = Tensor.FromArray(Enumerable.Range(0, outFeatures).Select(o => (float)o).ToArray(), outFeatures);
        var y = Functional.Linear(x, Tensor.FromArray(w, outFeatures, inFeatures), bias).ToArray<float>();
        for (int o = 0; o < outFeatures; o++)
            Assert.Equal(ClosedForm(inFeatures, o) + o, y[o]);
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

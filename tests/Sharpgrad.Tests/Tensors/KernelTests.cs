namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// The SIMD and multi-threaded kernels against plain reference loops written here, on odd sizes (so SIMD vectors have
/// tails), non-square shapes, and transposed or strided operands that the kernels read in place.
/// </summary>
public class KernelTests
{
    private static double[] Normal(Generator g, int count) => Enumerable.Range(0, count).Select(_ => g.NextNormal()).ToArray();

    /// <summary>C = A·B with A [m,k], B [k,n] row-major: the textbook triple loop.</summary>
    private static double[] NaiveProduct(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    private static double[] Transposed(double[] x, int rows, int cols)
    {
        var t = new double[x.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
        return t;
    }

    /// <summary>The same logical [rows, cols] matrix in three layouts: contiguous, a transposed view, a column-strided view.</summary>
    private static Tensor Layout(double[] x, int rows, int cols, DType dtype, string layout) => layout switch
    {
        "contiguous" => Tensor.FromArray(x, rows, cols).To(dtype),
        "transposed" => Tensor.FromArray(Transposed(x, rows, cols), cols, rows).To(dtype).T,
        "strided" => Tensor.FromArray(x.SelectMany(v => new[] { v, double.NaN }).ToArray(), rows, 2 * cols).To(dtype)[.., TensorIndex.Slice(null, null, 2)],
        _ => throw new ArgumentException(layout),
    };

    /// <summary>Every element within tol, relative to the expected value where that exceeds 1.</summary>
    private static void AssertClose(double[] expected, Tensor actual, double tol)
    {
        var got = actual.ToDoubleArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
            if (!(Math.Abs(expected[i] - got[i]) <= tol * Math.Max(1, Math.Abs(expected[i])))) Assert.Fail($"element {i}: expected {expected[i]}, got {got[i]} (tol {tol})");
    }

    public static TheoryData<int, int, int> GemmSizes => new()
    {
        { 1, 1, 1 }, { 7, 7, 7 }, { 17, 33, 7 }, { 33, 17, 65 }, { 65, 129, 1 }, { 129, 65, 33 }, { 1, 129, 17 },
        { 2, 1, 129 }, { 7, 300, 9 },  // k beyond one 256-deep panel
        { 5, 3, 520 },                  // n beyond one 512-wide panel
        { 129, 129, 129 },              // large enough to split rows across threads
    };

    [Theory]
    [MemberData(nameof(GemmSizes))]
    public void GemmMatchesTheTripleLoop(int m, int k, int n)
    {
        var g = new Generator(m * 10_000 + k * 100 + n);
        var a = Normal(g, m * k);
        var b = Normal(g, k * n);
        var expected = NaiveProduct(a, b, m, k, n);
        (string A, string B)[] layouts = [("contiguous", "contiguous"), ("transposed", "contiguous"), ("contiguous", "transposed"), ("strided", "transposed"), ("transposed", "strided")];
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            // float32 accumulates k roundings of terms of size ~1; float64 is near exact.
            double tol = dtype == DType.Float32 ? 2e-6 * k + 1e-6 : 1e-13 * k;
            foreach (var (la, lb) in layouts)
            {
                var y = Layout(a, m, k, dtype, la).MatMul(Layout(b, k, n, dtype, lb));
                Assert.Equal(new[] { m, n }, y.Shape);
                Assert.Equal(dtype, y.DType);
                AssertClose(expected, y, tol);
            }
        }
    }

    [Fact]
    public void BatchedGemmWithBroadcastBatchDims()
    {
        // [3,1,m,k]·[2,k,n] → [3,2,m,n]; B's batch is shared by every batch of A and vice versa.
        const int m = 7, k = 17, n = 9;
        var g = new Generator(77);
        var a = Normal(g, 3 * m * k);
        var b = Normal(g, 2 * k * n);
        var y = Tensor.FromArray(a, 3, 1, m, k).MatMul(Tensor.FromArray(b, 2, k, n).Transpose(1, 2).Contiguous().Transpose(1, 2));
        Assert.Equal(new[] { 3, 2, m, n }, y.Shape);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                AssertClose(NaiveProduct(a[(i * m * k)..((i + 1) * m * k)], b[(j * k * n)..((j + 1) * k * n)], m, k, n), y[i, j], 1e-13 * k);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void SumAndMaxOverEachDim(DType dtype)
    {
        int[] shape = [7, 17, 33];
        var g = new Generator(5);
        var x = Normal(g, 7 * 17 * 33);
        if (dtype == DType.Float32) x = x.Select(v => (double)(float)v).ToArray();
        var t = Tensor.FromArray(x, shape).To(dtype);
        double Value(int i, int j, int l) => x[(i * 17 + j) * 33 + l];
        double tol = dtype == DType.Float32 ? 1e-5 : 1e-13;
        for (int dim = 0; dim < 3; dim++)
        {
            var kept = shape.Where((_, d) => d != dim).ToArray();
            var sums = new double[kept[0] * kept[1]];
            var maxs = new double[sums.Length];
            var argmaxs = new long[sums.Length];
            for (int u = 0; u < kept[0]; u++)
                for (int w = 0; w < kept[1]; w++)
                {
                    double s = 0, best = double.NegativeInfinity;
                    for (int r = 0; r < shape[dim]; r++)
                    {
                        double v = dim == 0 ? Value(r, u, w) : dim == 1 ? Value(u, r, w) : Value(u, w, r);
                        s += v;
                        if (v > best) { best = v; argmaxs[u * kept[1] + w] = r; }
                    }
                    sums[u * kept[1] + w] = s;
                    maxs[u * kept[1] + w] = best;
                }
            AssertClose(sums, t.Sum(dim), tol * shape[dim]);
            var (values, indices) = t.Max(dim);
            AssertClose(maxs, values, 0);
            Assert.Equal(argmaxs, indices.ToArray<long>());
            // The same reduction read through a permuted (non-contiguous) view.
            var permuted = t.Permute(2, 0, 1);
            AssertClose(sums, permuted.Sum((dim + 1) % 3).Permute(dim == 2 ? [0, 1] : [1, 0]).Contiguous(), tol * shape[dim]);
        }
        AssertClose([x.Sum()], t.Sum(), tol * x.Length);
    }

    [Fact]
    public void LongRowSumMatchesACompensatedReference()
    {
        // 1e6 float32 values summed in fixed blocks; the reference is exact in float64 for float32 inputs of this size.
        var g = new Generator(6);
        var x = Enumerable.Range(0, 1_000_001).Select(_ => (double)(float)g.NextDouble()).ToArray();
        var t = Tensor.FromArray(x).Float();
        Assert.Equal(x.Sum(), t.Sum().Item(), 2.0);
        Assert.Equal(x.Sum(), t.Double().Sum().Item(), 1e-7);
    }

    public static TheoryData<string> BinaryOps => ["Add", "Sub", "Mul", "Div", "Maximum", "Minimum", "Pow", "Gt"];

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryOpsOnStridedBroadcastViews(string op)
    {
        // a: every other column of a [17, 66] base; b: a transposed [33, 17] base; c: column 5 of the base, broadcast.
        const int rows = 17, cols = 33;
        double Base(int i, int j) => 1.5 + Math.Sin(i * 31 + j);
        double Other(int i, int j) => 2 + Math.Cos(i * 7 - j);
        var baseValues = Enumerable.Range(0, rows * 66).Select(f => Base(f / 66, f % 66)).ToArray();
        var otherValues = Enumerable.Range(0, cols * rows).Select(f => Other(f / rows, f % rows)).ToArray();
        Func<Tensor, Tensor, Tensor> apply = op switch
        {
            "Add" => (x, y) => x + y,
            "Sub" => (x, y) => x - y,
            "Mul" => (x, y) => x * y,
            "Div" => (x, y) => x / y,
            "Maximum" => (x, y) => x.Maximum(y),
            "Minimum" => (x, y) => x.Minimum(y),
            "Pow" => (x, y) => x.Pow(y),
            _ => (x, y) => x.Gt(y),
        };
        Func<double, double, double> reference = op switch
        {
            "Add" => (x, y) => x + y,
            "Sub" => (x, y) => x - y,
            "Mul" => (x, y) => x * y,
            "Div" => (x, y) => x / y,
            "Maximum" => Math.Max,
            "Minimum" => Math.Min,
            "Pow" => Math.Pow,
            _ => (x, y) => x > y ? 1 : 0,
        };
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var b0 = Tensor.FromArray(baseValues, rows, 66).To(dtype);
            var a = b0[.., TensorIndex.Slice(null, null, 2)];
            var b = Tensor.FromArray(otherValues, cols, rows).To(dtype).T;
            var c = b0[.., 5..6];
            double tol = dtype == DType.Float32 ? 1e-5 : 1e-14;
            double Round(double v) => dtype == DType.Float32 ? (float)v : v;
            var expectedAB = new double[rows * cols];
            var expectedAC = new double[rows * cols];
            var expectedCB = new double[rows * cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    double av = Round(Base(i, 2 * j)), bv = Round(Other(j, i)), cv = Round(Base(i, 5));
                    expectedAB[i * cols + j] = reference(av, bv);
                    expectedAC[i * cols + j] = reference(av, cv);
                    expectedCB[i * cols + j] = reference(cv, bv);
                }
            AssertClose(expectedAB, apply(a, b), tol);
            AssertClose(expectedAC, apply(a, c), tol);
            AssertClose(expectedCB, apply(c, b), tol);
            AssertClose(expectedAC.Take(cols).ToArray(), apply(a[0], c[0]), tol); // 0-d-like broadcast of one element
        }
    }

    [Fact]
    public void UnaryKernelsOnANonContiguousView()
    {
        var g = new Generator(8);
        var x = Normal(g, 33 * 17);
        var t = Tensor.FromArray(x, 33, 17).Float().T; // [17, 33], column-major
        var expected = new double[17 * 33];
        for (int i = 0; i < 17; i++)
            for (int j = 0; j < 33; j++) expected[i * 33 + j] = Math.Exp((float)x[j * 17 + i]);
        AssertClose(expected, t.Exp(), 1e-6);
        var tanh = expected.Select(v => Math.Tanh(Math.Log(v))).ToArray();
        AssertClose(tanh, t.Tanh(), 1e-6);
    }
}

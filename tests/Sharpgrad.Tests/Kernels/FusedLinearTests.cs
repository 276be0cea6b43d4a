using Sharpgrad.NN;
using Sharpgrad.Tests.Tensors;
using static Sharpgrad.Tests.Tensors.TensorAssert;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// Functional.Linear as one node (the bias written into the output before the GEMM accumulates onto it; ∂x = G·W,
/// ∂W = Gᵀ·x, ∂b = Σ G) against the composite x·Wᵀ + b and against the textbook loops: odd and non-square sizes,
/// strided input and weight, no bias, batched input, float32 and float64; finite differences to first and second order;
/// the same bits on one or two threads.
/// </summary>
public class FusedLinearTests
{
    /// <summary>(rows, in, out): odd sizes around the GEMM's tiles, non-square both ways, and in &gt; 256 (several depth blocks).</summary>
    private static readonly (int M, int In, int Out)[] Shapes =
    [
        (1, 1, 1), (7, 7, 7), (17, 33, 65), (129, 65, 17), (33, 129, 7), (65, 17, 129), (1, 300, 33), (7, 513, 9),
    ];

    private static Tensor Random(int seed, DType dtype, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed)).To(dtype);

    private static (Tensor Y, Tensor[] Grads) Run(Func<Tensor, Tensor, Tensor?, Tensor> linear, Tensor x, Tensor w, Tensor? b)
    {
        var leaves = new[] { x, w, b }.Where(t => t is not null).Select(t => t!.Detach().RequireGrad()).ToArray();
        var y = linear(leaves[0], leaves[1], b is null ? null : leaves[2]);
        var u = Tensor.Randn(y.Shape, DType.Float64, new Generator(3)).To(y.DType);
        return (y.Detach(), Autograd.Grad([y], leaves, [u]));
    }

    private static Tensor Composite(Tensor x, Tensor w, Tensor? b)
    {
        var y = x.MatMul(w.T);
        return b is null ? y : y + b;
    }

    [Fact]
    public void MatchesTheCompositeAndTheTripleLoop()
    {
        int seed = 0;
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var (m, k, n) in Shapes)
                foreach (var layout in new[] { "contiguous", "strided", "no bias" })
                {
                    seed++;
                    var x = layout == "strided" ? Random(seed, dtype, k, m).T : Random(seed, dtype, m, k);        // [m, k]
                    var w = layout == "strided" ? Random(seed + 1, dtype, k, n).T : Random(seed + 1, dtype, n, k); // [n, k]
                    var b = layout == "no bias" ? null : Random(seed + 2, dtype, n);
                    var (y, grads) = Run(Functional.Linear, x, w, b);
                    var (yOld, gradsOld) = Run(Composite, x, w, b);
                    string what = $"{dtype.Name()} ({m}, {k}, {n}) {layout}";

                    // Rounding bound of a k-term dot product, γₖ·Σ|aᵢbᵢ| ≈ k·u·k for unit normals (Higham §3.1); the
                    // gradients are dot products over m, n or k terms.
                    double u = dtype == DType.Float32 ? 6e-8 : 1.2e-16, gradTol = 4 * u * (m + n + k) * (m + n + k);
                    Close(yOld, y, 4 * u * k * (k + 1), what);
                    for (int i = 0; i < grads.Length; i++) Close(gradsOld[i], grads[i], gradTol, what);
                    var (expectedY, expectedGrads) = TripleLoop(x, w, b, Tensor.Randn([m, n], DType.Float64, new Generator(3)).To(dtype));
                    Close(expectedY, y, 4 * u * k * (k + 1), what);
                    for (int i = 0; i < grads.Length; i++) Close(expectedGrads[i], grads[i], gradTol, what);

                    // With one depth block (k ≤ 256) the GEMM adds the bias to the finished dot product, as the composite did.
                    if (k <= 256 && m <= 256)
                    {
                        BitwiseEqual(yOld, y);
                        for (int i = 0; i < grads.Length; i++) BitwiseEqual(gradsOld[i], grads[i]);
                    }
                }
    }

    private static void Close(Tensor expected, Tensor actual, double tol, string what)
    {
        try
        {
            TensorAssert.Close(expected, actual, tol);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.Message}");
        }
    }

    private static void Close(double[] expected, Tensor actual, double tol, string what) => Close(Tensor.FromArray(expected, actual.Shape), actual, tol, what);

    /// <summary>yᵢⱼ = Σₚ xᵢₚwⱼₚ + bⱼ; with upstream u: ∂x = u·W, ∂W = uᵀ·x, ∂b = Σᵢ uᵢ, all in double.</summary>
    private static (double[] Y, double[][] Grads) TripleLoop(Tensor xt, Tensor wt, Tensor? bt, Tensor ut)
    {
        int m = xt.Size(0), k = xt.Size(1), n = wt.Size(0);
        double[] x = xt.ToDoubleArray(), w = wt.ToDoubleArray(), u = ut.ToDoubleArray(), b = bt?.ToDoubleArray() ?? new double[n];
        double[] y = new double[m * n], dx = new double[m * k], dw = new double[n * k], db = new double[n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = b[j];
                for (int p = 0; p < k; p++)
                {
                    s += x[i * k + p] * w[j * k + p];
                    dx[i * k + p] += u[i * n + j] * w[j * k + p];
                    dw[j * k + p] += u[i * n + j] * x[i * k + p];
                }
                y[i * n + j] = s;
                db[j] += u[i * n + j];
            }
        return (y, bt is null ? [dx, dw] : [dx, dw, db]);
    }

    [Fact]
    public void IsOneNodeAndKeepsLeadingDims()
    {
        var x = Tensor.Randn([2, 3, 5], DType.Float64, new Generator(1)).RequireGrad();
        var w = Tensor.Randn([4, 5], DType.Float64, new Generator(2)).RequireGrad();
        var b = Tensor.Randn([4], DType.Float64, new Generator(3)).RequireGrad();
        var rows = Functional.Linear(x.Reshape(6, 5), w, b);
        Assert.Equal("Linear", rows.GradFn!.Name);
        var y = Functional.Linear(x, w, b);
        Assert.Equal([2, 3, 4], y.Shape);
        TensorAssert.Close(rows, y.Reshape(6, 4));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradCheckFirstAndSecondOrder(bool bias)
    {
        var x = Tensor.Randn([3, 4], DType.Float64, new Generator(4)).RequireGrad();
        var w = Tensor.Randn([5, 4], DType.Float64, new Generator(5)).RequireGrad();
        var b = Tensor.Randn([5], DType.Float64, new Generator(6)).RequireGrad();
        Tensor[] inputs = bias ? [x, w, b] : [x, w];
        // Squared, so that the second derivative is not identically zero.
        Func<Tensor[], Tensor> f = t => Functional.Linear(t[0], t[1], bias ? t[2] : null).Square();
        GradCheck.Run(f, inputs).ThrowIfFailed();
        GradCheck.RunSecondOrder(f, inputs).ThrowIfFailed();
    }

    [Fact]
    public void SameBitsOnOneOrTwoThreads()
    {
        // 129 × 257 → 300: ten million multiply-adds, enough for the GEMM to split the work.
        var x = Tensor.Randn([129, 257], DType.Float32, new Generator(7));
        var w = Tensor.Randn([300, 257], DType.Float32, new Generator(8));
        var b = Tensor.Randn([300], DType.Float32, new Generator(9));
        var ((yOne, gradsOne), (yTwo, gradsTwo)) = ThreadCounts.OneAndTwo(() => Run(Functional.Linear, x, w, b));
        BitwiseEqual(yOne, yTwo);
        for (int i = 0; i < gradsOne.Length; i++) BitwiseEqual(gradsOne[i], gradsTwo[i]);
    }
}

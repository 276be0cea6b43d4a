using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>
/// The SVC's kernel-row cache (issue #21): rows computed on demand within a budget equal the rows of the whole Gram
/// matrix, the least recently used row is the one dropped, and an SVC fitted through a tiny cache is the same model.
/// </summary>
public class KernelRowCacheTests
{
    private static double[] Rbf(Tensor a, Tensor b) => KernelMatrix.Values(SvmKernel.Rbf, a, b, 0.3);

    [Fact]
    public void RowsOnDemandAreTheGramRowsAndTheLeastRecentlyUsedIsDropped()
    {
        var x = Tensor.Randn([10, 3], DType.Float64, new Generator(11));
        var gram = Rbf(x, x);
        var cache = new KernelRowCache(x, Rbf, budgetBytes: 3 * 8 * 10);      // room for 3 rows of 10
        foreach (int i in new[] { 0, 1, 2, 0, 3, 0, 1 })
        {
            var row = cache.Row(i).ToArray();
            for (int j = 0; j < 10; j++) Assert.Equal(gram[i * 10 + j], row[j], 1e-12);
        }
        // Misses: 0, 1, 2 (3 rows held), 0 hits, 3 drops 1 (least recent), 0 hits, 1 misses again (drops 2).
        Assert.Equal(5, cache.Misses);
        for (int i = 0; i < 10; i++) Assert.Equal(1.0, cache.Diagonal[i], 12);   // k(x, x) = exp(0)
    }

    [Theory]
    [InlineData(7, 9, 5)]       // odd sizes: SIMD body and scalar tail of the fused row pass
    [InlineData(1, 13, 3)]
    [InlineData(11, 11, 1)]
    public void FusedRbfRowsMatchAPlainLoop(int n, int m, int d)
    {
        var gen = new Generator(14);
        var (a, b) = (Tensor.Randn([n, d], DType.Float64, gen), Tensor.Randn([m, d], DType.Float64, gen));
        var (av, bv) = (a.ToDoubleArray(), b.ToDoubleArray());
        const double gamma = 0.37;
        var fused = KernelMatrix.Values(SvmKernel.Rbf, a, b, gamma);
        var asTensor = KernelMatrix.Compute(SvmKernel.Rbf, a, b, gamma);
        Assert.Equal([n, m], asTensor.Shape);
        var tensorValues = asTensor.ToDoubleArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double squared = 0;
                for (int k = 0; k < d; k++) squared += (av[i * d + k] - bv[j * d + k]) * (av[i * d + k] - bv[j * d + k]);
                Assert.Equal(Math.Exp(-gamma * squared), fused[i * m + j], 1e-12);
                Assert.Equal(fused[i * m + j], tensorValues[i * m + j]);
            }
    }

    [Fact]
    public void FusedRbfKeepsTheTensorDTypeAndStaysAtMostOne()
    {
        var x = Tensor.From(new float[,] { { 1e4f, 1e-3f }, { 1e4f, 1e-3f } });   // ‖a‖² + ‖b‖² − 2ab rounds, k must stay ≤ 1
        var k = KernelMatrix.Compute(SvmKernel.Rbf, x, x, 1.0);
        Assert.Equal(DType.Float32, k.DType);
        Assert.All(k.ToDoubleArray(), value => Assert.InRange(value, 1 - 1e-6, 1.0));
    }

    [Fact]
    public void WholeGramWithinTheBudgetNeedsNoRowProducts()
    {
        var x = Tensor.Randn([8, 2], DType.Float64, new Generator(12));
        var cache = new KernelRowCache(x, Rbf, budgetBytes: 8 * 8 * 8);
        for (int i = 0; i < 8; i++) cache.Row(i);
        Assert.Equal(0, cache.Misses);
    }

    [Fact]
    public void SvcThroughATinyCacheFitsTheSameModel()
    {
        var gen = new Generator(13);
        var x = Tensor.Randn([60, 2], DType.Float64, gen);
        var y = (x[.., 0] * x[.., 1] + 0.3 * Tensor.Randn([60], DType.Float64, gen)).Gt(0).Long();
        var whole = new SVC(SvmKernel.Rbf, c: 1, gamma: 0.5, tolerance: 1e-6).Fit(x, y);
        var tiny = new SVC(SvmKernel.Rbf, c: 1, gamma: 0.5, tolerance: 1e-6, cacheMegabytes: 4 * 8 * 60 / 1048576.0).Fit(x, y);
        var (a, b) = ((SVC)whole, (SVC)tiny);
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.True(a.DualCoefficients.AllClose(b.DualCoefficients, 0, 1e-9));
        Assert.Equal(a.Intercept.Item(), b.Intercept.Item(), 9);
    }
}

using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>
/// The SVC's kernel-row cache (issue #21): rows computed on demand within a budget equal the rows of the whole Gram
/// matrix, the least recently used row is the one dropped, and an SVC fitted through a tiny cache is the same model.
/// </summary>
public class KernelRowCacheTests
{
    private static double[] Rbf(Tensor a, Tensor b) => KernelMatrix.Values(SvmKernel.Rbf, a, b, 0.3);

    private static KernelRows RbfRows(Tensor x) => KernelRows.Of(SvmKernel.Rbf, x, 0.3, degree: 3, coef0: 0);

    [Fact]
    public void RowsOnDemandAreTheGramRowsAndTheLeastRecentlyUsedIsDropped()
    {
        var x = Tensor.Randn([10, 3], DType.Float64, new Generator(11));
        var gram = Rbf(x, x);
        var cache = new KernelRowCache(RbfRows(x), budgetBytes: 3 * 8 * 10);      // room for 3 rows of 10
        foreach (int i in new[] { 0, 1, 2, 0, 3, 0, 1 })
        {
            var row = cache.Row(i).ToArray();
            for (int j = 0; j < 10; j++) Assert.Equal(gram[i * 10 + j], row[j], 1e-12);
        }
        // Misses: 0, 1, 2 (3 rows held), 0 hits, 3 drops 1 (least recent), 0 hits, 1 misses again (drops 2).
        Assert.Equal(5, cache.Misses);
        for (int i = 0; i < 10; i++) Assert.Equal(1.0, cache.Diagonal[i], 12);   // k(x, x) = exp(0)
    }

    [Fact]
    public void ARowOfTheWrongLengthOrAnUnknownKernelIsAClearError()
    {
        var x = Tensor.Randn([5, 2], DType.Float64, new Generator(12));
        var error = Assert.Throws<ArgumentException>(() => RbfRows(x).Row(0, new double[4]));
        Assert.Contains("KernelRows.Row", error.Message);
        Assert.Contains("4", error.Message);
        Assert.Contains("5", error.Message);
        // An undefined kernel value must not be computed as the linear kernel.
        var unknown = KernelRows.Of((SvmKernel)9, x, 0.3, degree: 3, coef0: 0);
        Assert.Contains("KernelRows", Assert.Throws<InvalidOperationException>(() => unknown.Row(0, new double[5])).Message);
    }

    [Theory]
    [InlineData(7, 9, 5)]       // odd sizes: full vectors and a padded tail of the fused row pass
    [InlineData(1, 13, 3)]
    [InlineData(11, 11, 1)]
    public void FusedRbfRowsAndTheTensorExpressionMatchAPlainLoop(int n, int m, int d)
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
                double expected = Math.Exp(-gamma * squared);                    // closed form k = exp(−γ‖a − b‖²)
                Assert.Equal(expected, fused[i * m + j], 1e-12);
                Assert.Equal(expected, tensorValues[i * m + j], 1e-12);
                // SVC fits on Values and predicts with Compute: two computations that must agree within rounding.
                Assert.Equal(tensorValues[i * m + j], fused[i * m + j], 1e-12);
            }
    }

    [Fact]
    public void ComputeIsATensorExpressionThatKeepsTheDTypeAndCarriesGradients()
    {
        var gen = new Generator(15);
        var a = Tensor.Randn([3, 2], DType.Float64, gen).RequireGrad();
        var b = Tensor.Randn([4, 2], DType.Float64, gen).RequireGrad();
        GradCheck.Assert(t => KernelMatrix.Compute(SvmKernel.Rbf, t[0], t[1], 0.6), a, b);
        Assert.Equal(DType.Float32, KernelMatrix.Compute(SvmKernel.Rbf, a.Detach().Float(), b.Detach().Float(), 0.6).DType);
    }

    [Fact]
    public void FusedRbfStaysAtMostOneWherePointsNearlyCoincide()
    {
        // b = a + 1e-9: ‖a‖² + ‖b‖² − 2aᵀb rounds to a negative number for about one pair in six, and without the clamp
        // at 0 k = exp(−γ · negative) would exceed 1 there.
        var a = (Tensor.Rand([200, 3], DType.Float64, new Generator(16)) * 20 - 10).Contiguous();
        var b = (a + 1e-9).Contiguous();
        var (av, bv) = (a.ToDoubleArray(), b.ToDoubleArray());
        int negatives = 0;
        for (int i = 0; i < 200; i++)
        {
            double aa = 0, bb = 0, ab = 0;
            for (int k = 0; k < 3; k++) (aa, bb, ab) = (aa + av[3 * i + k] * av[3 * i + k], bb + bv[3 * i + k] * bv[3 * i + k], ab + av[3 * i + k] * bv[3 * i + k]);
            if (aa + bb - 2 * ab < 0) negatives++;
        }
        Assert.True(negatives > 0, "the inputs must exercise the clamp: no pair's expanded squared distance rounded negative");
        var values = KernelMatrix.Values(SvmKernel.Rbf, a, b, 1.0);
        Assert.All(values, value => Assert.True(value <= 1.0, $"k = {value:R} > 1"));
    }

    [Fact]
    public void FusedRbfEntryDoesNotDependOnItsColumnPosition()
    {
        // With D = 1 every aᵢbⱼ, ‖aᵢ‖² and ‖bⱼ‖² is one rounded product, so the same column repeated at another
        // position (full vector or padded tail) must give the same k bit for bit.
        var gen = new Generator(17);
        var a = Tensor.Randn([9, 1], DType.Float64, gen);
        var b = Tensor.Randn([13, 1], DType.Float64, gen);
        var k = KernelMatrix.Values(SvmKernel.Rbf, a, Tensor.Cat([b, b, b], 0), 0.7);
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 13; j++)
            {
                Assert.Equal(k[i * 39 + j], k[i * 39 + 13 + j]);
                Assert.Equal(k[i * 39 + j], k[i * 39 + 26 + j]);
            }
    }

    [Fact]
    public void WholeGramWithinTheBudgetNeedsNoRowProducts()
    {
        var x = Tensor.Randn([8, 2], DType.Float64, new Generator(12));
        var cache = new KernelRowCache(RbfRows(x), budgetBytes: 8 * 8 * 8);
        for (int i = 0; i < 8; i++) cache.Row(i);
        Assert.Equal(0, cache.Misses);
    }

    [Fact]
    public void SvcThroughATinyCacheFitsTheSameModel()
    {
        var gen = new Generator(13);
        var x = Tensor.Randn([60, 2], DType.Float64, gen);
        var y = (x[.., 0] * x[.., 1] + 0.3 * Tensor.Randn([60], DType.Float64, gen)).Gt(0).Long();
        // SMO through rows on demand with room for every row, and through a cache of 4 rows that drops and recomputes
        // them (an SVC fit on every row uses the whole Gram matrix instead, so this drives the solver directly).
        var rows = KernelRows.Of(SvmKernel.Rbf, x, 0.5, degree: 3, coef0: 0);
        var signs = y.ToArray<long>().Select(label => label == 1 ? 1.0 : -1.0).ToArray();
        var (alphaAll, biasAll, usedAll) = SmoSolver.Solve(new KernelRowCache(rows, 8L * 60 * 60, wholeWhenFits: false), signs, 1, 1e-6, 100_000);
        var (alphaTiny, biasTiny, usedTiny) = SmoSolver.Solve(new KernelRowCache(rows, 4 * 8 * 60), signs, 1, 1e-6, 100_000);
        Assert.Equal(usedAll, usedTiny);
        Assert.Equal(alphaAll, alphaTiny);          // recomputed rows are bitwise the same
        Assert.Equal(biasAll, biasTiny, 9);
    }

    [Theory]
    [InlineData(SvmKernel.Rbf)]
    [InlineData(SvmKernel.Linear)]
    [InlineData(SvmKernel.Polynomial)]
    public void RowsOnDemandMatchTheWholeGramMatrixForEveryKernel(SvmKernel kernel)
    {
        // 13 rows of 7 features: odd sizes, so the dot products have a SIMD tail and the RBF row a padded tail.
        var x = Tensor.Randn([13, 7], DType.Float64, new Generator(18));
        var rows = KernelRows.Of(kernel, x, 0.2, degree: 3, coef0: 0.5);
        var gram = KernelMatrix.Compute(kernel, x, x, 0.2, degree: 3, coef0: 0.5).ToDoubleArray();
        var cache = new KernelRowCache(rows, budgetBytes: 1L << 20, wholeWhenFits: false);
        for (int i = 0; i < 13; i++)
        {
            var row = cache.Row(i).ToArray();
            for (int j = 0; j < 13; j++) Assert.Equal(gram[i * 13 + j], row[j], 1e-12);
            Assert.Equal(gram[i * 13 + i], cache.Diagonal[i], 1e-12);
        }
        Assert.Equal(13, cache.Misses);
    }

    [Fact]
    public void SubsetRowsAreTheGramMatrixRestrictedToThoseRows()
    {
        // A one-vs-one problem's kernel: rows 5, 0, 9 of the data, so its K[r, s] = K_full[rows[r], rows[s]].
        var x = Tensor.Randn([11, 4], DType.Float64, new Generator(19));
        var gram = Rbf(x, x);
        int[] subset = [5, 0, 9];
        var rows = RbfRows(x).Subset(subset);
        Assert.Equal(3, rows.Count);
        var row = new double[3];
        for (int r = 0; r < 3; r++)
        {
            rows.Row(r, row);
            for (int s = 0; s < 3; s++) Assert.Equal(gram[subset[r] * 11 + subset[s]], row[s], 1e-12);
        }
    }
}

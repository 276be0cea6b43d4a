using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The row cut whose parts pack B together (<see cref="GemmSharedPanels{T, TVector, TLanes}"/>): tall products above
/// the per-thread minimum, with B strided (Wᵀ, read along its columns), row-major but too big or too ragged to read in
/// place, and a view with neither stride 1; at 2 and 3 threads, against the triple loop, and bit for bit against one
/// thread, where C is not cut and the loop nest packs B itself. Default blocks (k = 300 over two depth blocks, one
/// panel) and small ones (many panels and column blocks, panels of several depth blocks, a last depth block cut short).
/// </summary>
public class GemmSharedPanelsTests
{
    public static TheoryData<string> AvailablePaths() => SimdPathTests.AvailablePaths();

    // 389 rows: 65 strips of 6 and one of 5. n = 45: a strip of 32 and one of 13 (float32 on Vector512), or others
    // cut short on the narrower paths. 389·45·300 multiply-adds allow up to five parts.
    private const int M = 389, K = 300, N = 45;

    /// <summary>Depth 7, columns 160: panels of two depth blocks where n fits one strip block of 64, one otherwise.</summary>
    private static readonly GemmBlocking[] Blockings =
        [GemmBlocking.Default, PrepackedGemmCases.SmallBlocks, new(Rows: 12, Depth: 7, Columns: 160)];

    /// <summary>Every available path with each layout of B (by name: the layouts are private).</summary>
    public static TheoryData<string, string> PathsAndLayouts()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in SimdPaths.Available)
            foreach (var layout in Enum.GetNames<BLayout>()) data.Add(SimdPaths.Name(path), layout);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndLayouts))]
    public void MatchesTheTripleLoopAndOneThread(string pathName, string layout)
        => CheckEveryCase(SimdPaths.Parse(pathName), Enum.Parse<BLayout>(layout));

    /// <summary>
    /// The MLP's forward product, 64 × 784 by Wᵀ (W [256, 784]): cut by rows on Vector512 for float32 (11 strips
    /// against 8 column strips), by columns on the narrower paths, where it must not take the shared packing.
    /// </summary>
    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void MlpForwardProductIsCutByRowsOnlyWhereItsStripsAreWide(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var w = new Gemm.Operand<float>(new float[256 * 784], 0, 1, 784);
        bool shares = Support.ThreadCounts.With(2, () => Gemm.PacksBTogether(64, 256, 784, w, path, GemmBlocking.Default));
        int columnStrips = 256 / GemmPackedB<float>.StripWidthOf(path);
        Assert.Equal(columnStrips < 11, shares);
    }

    [Fact]
    public void TakenOnlyBeyondOneThreadForWTransposedOrABigRowMajorB()
    {
        var strided = Operand(new float[K * N], BLayout.Transposed, K, N);
        Assert.False(Support.ThreadCounts.With(1, () => Gemm.PacksBTogether(M, N, K, strided, SimdPaths.Selected, GemmBlocking.Default)));
        Assert.True(Support.ThreadCounts.With(2, () => Gemm.PacksBTogether(M, N, K, strided, SimdPaths.Selected, GemmBlocking.Default)));
        // 16 × 64 floats row-major: 4 KB, read in place by the loop nest, so there is nothing to pack.
        var small = new Gemm.Operand<float>(new float[16 * 64], 0, 64, 1);
        Assert.False(Support.ThreadCounts.With(2, () => Gemm.PacksBTogether(4096, 64, 16, small, SimdPaths.Selected, GemmBlocking.Default)));
        // Row-major and packed, but no bigger than one B block of the loop nest (256 × 2048): 512², not 1024².
        Assert.False(Support.ThreadCounts.With(2, () => Gemm.PacksBTogether(512, 512, 512, RowMajor(512), SimdPaths.Selected, GemmBlocking.Default)));
        Assert.True(Support.ThreadCounts.With(2, () => Gemm.PacksBTogether(2048, 1024, 1024, RowMajor(1024), SimdPaths.Selected, GemmBlocking.Default)));
    }

    private static Gemm.Operand<float> RowMajor(int size) => new(new float[size * size], 0, size, 1);

    /// <summary>Row-major [K, N]; Wᵀ for a row-major W [N, K] (the Linear's B); a view of every other column of [K, 2N].</summary>
    private enum BLayout { RowMajor, Transposed, EveryOtherColumn }

    private static void CheckEveryCase(SimdPath path, BLayout layout)
    {
        foreach (var blocking in Blockings)
            foreach (bool accumulate in new[] { false, true })
            {
                Check<float>(path, layout, blocking, accumulate);
                Check<double>(path, layout, blocking, accumulate);
            }
    }

    private static void Check<T>(SimdPath path, BLayout layout, GemmBlocking blocking, bool accumulate) where T : unmanaged, INumber<T>
    {
        var gen = new Generator(layout switch { BLayout.RowMajor => 11, BLayout.Transposed => 12, _ => 13 });
        var dtype = typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;
        var a = Tensor.Randn([M * K], dtype, gen).ToArray<T>();
        var bData = Tensor.Randn([3 + 2 * K * N], dtype, gen).ToArray<T>();
        var startC = Tensor.Randn([M * N], dtype, gen).ToArray<T>();
        var aOperand = new Gemm.Operand<T>(a, 0, K, 1);
        var b = Operand(bData, layout, K, N);
        string what = $"{SimdPaths.Name(path)} {typeof(T).Name} {layout} B, blocks {blocking}, accumulate {accumulate}";

        T[] Product(int threads) => Support.ThreadCounts.With(threads, () =>
        {
            if (threads > 1) Assert.Equal(TakesSharedPacking(layout, blocking), Gemm.PacksBTogether(M, N, K, b, path, blocking));
            var c = (T[])startC.Clone();
            Gemm.Multiply(M, N, K, aOperand, b, c, 0, N, accumulate, path, blocking);
            return c;
        });

        var one = Product(1);
        AssertNearTripleLoop(one, a, b, startC, accumulate, what);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Product(threads);
            for (int i = 0; i < one.Length; i++)
                if (!one[i].Equals(many[i]))
                    Assert.Fail($"{what}: C[{i / N}, {i % N}] is {one[i]} on one thread, {many[i]} on {threads}");
        }
    }

    /// <summary>
    /// Wᵀ always takes the shared packing (its packing is a transpose); the other layouts only when B [300, 45] holds
    /// more elements than one B block of the loop nest: with the small blocks (7 × 40, 7 × 160), not the default ones.
    /// </summary>
    private static bool TakesSharedPacking(BLayout layout, GemmBlocking blocking)
        => layout == BLayout.Transposed || blocking != GemmBlocking.Default;

    /// <summary>B [K, N] over <paramref name="data"/> from element 3 on, laid out as <paramref name="layout"/> says.</summary>
    private static Gemm.Operand<T> Operand<T>(T[] data, BLayout layout, int k, int n) where T : unmanaged => layout switch
    {
        BLayout.RowMajor => new(data, 3, n, 1),
        BLayout.Transposed => new(data, 3, 1, k),
        _ => new(data, 3, 2 * n, 2),
    };

    /// <summary>Within a few units in the last place of the sum of |a·b| terms, per step of k.</summary>
    private static void AssertNearTripleLoop<T>(T[] got, T[] a, Gemm.Operand<T> b, T[] startC, bool accumulate, string what)
        where T : unmanaged, INumber<T>
    {
        double epsilon = typeof(T) == typeof(float) ? 6e-8 : 1.2e-16;
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
            {
                double sum = accumulate ? double.CreateChecked(startC[i * N + j]) : 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < K; p++)
                {
                    double term = double.CreateChecked(a[i * K + p]) * double.CreateChecked(b[p, j]);
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                double value = double.CreateChecked(got[i * N + j]);
                Assert.True(Math.Abs(value - sum) <= 4 * K * epsilon * magnitude, $"{what}: C[{i}, {j}] = {value}, expected {sum}");
            }
    }
}

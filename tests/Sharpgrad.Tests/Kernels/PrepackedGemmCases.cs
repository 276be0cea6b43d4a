using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>One product against the unpacked GEMM, for a dtype chosen by the caller (a generic method, so not a delegate).</summary>
internal interface IPrepackedProductCheck
{
    void Check<T>(SimdPath path, GemmBlocking blocking, int m, int k, int n) where T : unmanaged, INumber<T>;
}

/// <summary>
/// The cases shared by the GEMMs with one operand packed beforehand (<see cref="GemmPackedA{T}"/>,
/// <see cref="GemmPackedB{T}"/>): shapes not multiples of the tile or the blocks, default and small blocks, both dtypes,
/// one thread and two, and the bit-for-bit comparison with the unpacked product.
/// </summary>
internal static class PrepackedGemmCases
{
    public static readonly GemmBlocking SmallBlocks = new(Rows: 12, Depth: 7, Columns: 40);

    /// <summary>(5, 300, 45): k over several depth blocks.</summary>
    private static readonly (int M, int K, int N)[] Shapes = [(1, 1, 1), (7, 17, 33), (13, 9, 5), (32, 29, 71), (5, 300, 45)];

    /// <summary>Above the per-thread minimum (2²⁰ multiply-adds): C is cut into parts by columns (wide) and by rows (tall).</summary>
    private static readonly (int M, int K, int N)[] ThreadSplitShapes = [(33, 259, 1021), (301, 263, 37)];

    // [[1, 1], [2, −1]]·[[1, 2, 3], [4, 5, 6]] = [[5, 7, 9], [−2, −1, 0]], worked by hand. Fresh arrays on every read:
    // the two test classes run in parallel, and a shared array one of them wrote into would change the other's case.

    /// <summary>A = [[1, 1], [2, −1]], row-major.</summary>
    public static double[] HandA => [1, 1, 2, -1];

    /// <summary>B = [[1, 2, 3], [4, 5, 6]], row-major.</summary>
    public static double[] HandB => [1, 2, 3, 4, 5, 6];

    /// <summary>A·B = [[5, 7, 9], [−2, −1, 0]], row-major.</summary>
    public static double[] HandProduct => [5, 7, 9, -2, -1, 0];

    /// <summary>Every shape (and <paramref name="moreShapes"/>), both blockings, float32 and float64, on one thread.</summary>
    public static void OnEveryShape<TCheck>(string pathName, TCheck check, params (int M, int K, int N)[] moreShapes)
        where TCheck : IPrepackedProductCheck
    {
        var path = SimdPaths.Parse(pathName);
        foreach (var blocking in new[] { GemmBlocking.Default, SmallBlocks })
            foreach (var (m, k, n) in Shapes.Concat(moreShapes))
            {
                check.Check<float>(path, blocking, m, k, n);
                check.Check<double>(path, blocking, m, k, n);
            }
    }

    /// <summary>The shapes big enough to be cut between two threads, float32 with default blocks and float64 with small ones.</summary>
    public static void SplitAcrossThreads<TCheck>(string pathName, TCheck check) where TCheck : IPrepackedProductCheck
        => Support.ThreadCounts.With(2, () =>
        {
            var path = SimdPaths.Parse(pathName);
            foreach (var (m, k, n) in ThreadSplitShapes)
            {
                check.Check<float>(path, GemmBlocking.Default, m, k, n);
                check.Check<double>(path, SmallBlocks, m, k, n);
            }
            return 0;
        });

    /// <summary>Random operands for an m×k·k×n product: A, Aᵀ, B, Bᵀ (each row-major) and a starting C of <paramref name="cLength"/>.</summary>
    public static (T[] A, T[] ATransposed, T[] B, T[] BTransposed, T[] StartC) Operands<T>(int m, int k, int n, int cLength)
        where T : unmanaged, INumber<T>
    {
        var gen = new Generator(m * 1000 + k * 10 + n);
        var dtype = typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;
        T[] Draw(int rows, int columns) => Tensor.Randn([rows, columns], dtype, gen).ToArray<T>();
        return (Draw(m, k), Draw(k, m), Draw(k, n), Draw(n, k), Tensor.Randn([cLength], dtype, gen).ToArray<T>());
    }

    /// <summary>
    /// Runs the unpacked and the prepacked product from the same starting C, overwriting and accumulating, and asserts
    /// equal bits.
    /// </summary>
    public static void AssertSameBits<T>(T[] startC, Action<T[], bool> unpacked, Action<T[], bool> prepacked, string what)
        where T : unmanaged, INumber<T>
    {
        foreach (bool accumulate in new[] { false, true })
        {
            var expected = (T[])startC.Clone();
            var actual = (T[])startC.Clone();
            unpacked(expected, accumulate);
            prepacked(actual, accumulate);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(expected[i] == actual[i],
                    $"{what}, accumulate {accumulate}: C[{i}] = {actual[i]}, unpacked {expected[i]}");
        }
    }
}

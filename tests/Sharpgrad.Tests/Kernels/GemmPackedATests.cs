using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The GEMM with A packed once beforehand (<see cref="GemmPackedA{T}"/>, a convolution's weights kept packed between
/// inference calls) against the ordinary GEMM on the same operands, bit for bit: every path, m, n, k not multiples of
/// the tile or the blocks, A row-major and transposed and small enough to be read in place, C a block of a wider matrix,
/// overwriting and accumulating, on one thread and cut between two by rows and by columns.
/// </summary>
public class GemmPackedATests
{
    public static TheoryData<string> AvailablePaths() => SimdPathTests.AvailablePaths();

    private static readonly GemmBlocking SmallBlocks = new(Rows: 12, Depth: 7, Columns: 40);

    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void MatchesTheUnpackedProductBitForBit(string pathName)
    {
        foreach (var blocking in new[] { GemmBlocking.Default, SmallBlocks })
            // (7, 17, 33): A of 476 bytes, which the unpacked GEMM reads in place; (5, 300, 45): k over several depth blocks.
            foreach (var (m, k, n) in new[] { (1, 1, 1), (7, 17, 33), (13, 9, 5), (32, 29, 71), (5, 300, 45), (151, 37, 19) })
            {
                Check<float>(SimdPaths.Parse(pathName), blocking, m, k, n);
                Check<double>(SimdPaths.Parse(pathName), blocking, m, k, n);
            }
    }

    /// <summary>Above the per-thread minimum (2²⁰ multiply-adds), C is cut into parts by columns (wide) and by rows (tall).</summary>
    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void MatchesTheUnpackedProductWhenSplitAcrossThreads(string pathName)
        => Support.ThreadCounts.With(2, () =>
        {
            foreach (var (m, k, n) in new[] { (33, 259, 1021), (301, 263, 37) })
            {
                Check<float>(SimdPaths.Parse(pathName), GemmBlocking.Default, m, k, n);
                Check<double>(SimdPaths.Parse(pathName), SmallBlocks, m, k, n);
            }
            return 0;
        });

    [Fact]
    public void RefusesADifferentDepthBlock()
    {
        var a = GemmPackedA<double>.Pack(2, 3, new Gemm.Operand<double>(new double[6], 0, 3, 1), SimdPaths.Selected, SmallBlocks);
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(a, 4, new Gemm.Operand<double>(new double[12], 0, 4, 1), new double[8], 0, 4, false, GemmBlocking.Default));
        Assert.Contains("depth blocks of 7", error.Message);
    }

    [Fact]
    public void MultipliesAHandComputedProduct()
    {
        double[] aValues = [1, 1, 2, -1], bValues = [1, 2, 3, 4, 5, 6];
        var a = GemmPackedA<double>.Pack(2, 2, new Gemm.Operand<double>(aValues, 0, 2, 1));
        var c = new double[8];
        Gemm.Multiply(a, 3, new Gemm.Operand<double>(bValues, 0, 3, 1), c, 1, 4, accumulate: false);
        Assert.Equal([0.0, 5, 7, 9, 0, -2, -1, 0], c);  // [[1, 1], [2, −1]]·[[1, 2, 3], [4, 5, 6]] by hand, rows 4 apart from 1
    }

    private static void Check<T>(SimdPath path, GemmBlocking blocking, int m, int k, int n) where T : unmanaged, System.Numerics.INumber<T>
    {
        var gen = new Generator(m * 1000 + k * 10 + n);
        var dtype = typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;
        var a = Tensor.Randn([m, k], dtype, gen).ToArray<T>();
        var at = Tensor.Randn([k, m], dtype, gen).ToArray<T>();
        var b = Tensor.Randn([k, n], dtype, gen).ToArray<T>();
        int ldc = n + 3;
        var start = Tensor.Randn([m * ldc], dtype, gen).ToArray<T>();
        var right = new Gemm.Operand<T>(b, 0, n, 1);
        foreach (var left in new[] { new Gemm.Operand<T>(a, 0, k, 1), new Gemm.Operand<T>(at, 0, 1, m) })
        {
            var packed = GemmPackedA<T>.Pack(m, k, left, path, blocking);
            foreach (bool accumulate in new[] { false, true })
            {
                var expected = (T[])start.Clone();
                var actual = (T[])start.Clone();
                Gemm.Multiply(m, n, k, left, right, expected, 0, ldc, accumulate, path, blocking);
                Gemm.Multiply(packed, n, right, actual, 0, ldc, accumulate, blocking);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(expected[i] == actual[i],
                        $"{path} {typeof(T).Name} {m}×{k}×{n} (A strides {left.RowStride}, {left.ColStride}, accumulate {accumulate}): C[{i}] = {actual[i]}, unpacked {expected[i]}");
            }
        }
    }
}

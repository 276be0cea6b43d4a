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

    [Theory]
    [MemberData(nameof(AvailablePaths))]
    // (7, 17, 33): A of 476 bytes, which the unpacked GEMM reads in place; (151, 37, 19): rows over several row blocks.
    public void MatchesTheUnpackedProductBitForBit(string pathName)
        => PrepackedGemmCases.OnEveryShape(pathName, new PackedAProduct(), (151, 37, 19));

    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void MatchesTheUnpackedProductWhenSplitAcrossThreads(string pathName)
        => PrepackedGemmCases.SplitAcrossThreads(pathName, new PackedAProduct());

    [Fact]
    public void RefusesADifferentDepthBlock()
    {
        var a = GemmPackedA<double>.Pack(2, 3, new Gemm.Operand<double>(new double[6], 0, 3, 1), SimdPaths.Selected, PrepackedGemmCases.SmallBlocks);
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(a, 4, new Gemm.Operand<double>(new double[12], 0, 4, 1), new double[8], 0, 4, false, GemmBlocking.Default));
        Assert.Contains("depth blocks of 7", error.Message);
    }

    [Fact]
    public void MultipliesAHandComputedProduct()
    {
        var a = GemmPackedA<double>.Pack(2, 2, new Gemm.Operand<double>(PrepackedGemmCases.HandA, 0, 2, 1));
        var c = new double[8];
        Gemm.Multiply(a, 3, new Gemm.Operand<double>(PrepackedGemmCases.HandB, 0, 3, 1), c, 1, 4, accumulate: false);
        var h = PrepackedGemmCases.HandProduct;
        Assert.Equal([0.0, h[0], h[1], h[2], 0, h[3], h[4], h[5]], c);  // C's rows 4 apart from offset 1
    }

    /// <summary>A row-major and transposed, packed; C a block of a wider matrix (rows n + 3 apart).</summary>
    private readonly struct PackedAProduct : IPrepackedProductCheck
    {
        public void Check<T>(SimdPath path, GemmBlocking blocking, int m, int k, int n) where T : unmanaged, System.Numerics.INumber<T>
        {
            int ldc = n + 3;
            var (a, at, b, _, start) = PrepackedGemmCases.Operands<T>(m, k, n, m * ldc);
            var right = new Gemm.Operand<T>(b, 0, n, 1);
            foreach (var left in new[] { new Gemm.Operand<T>(a, 0, k, 1), new Gemm.Operand<T>(at, 0, 1, m) })
            {
                var packed = GemmPackedA<T>.Pack(m, k, left, path, blocking);
                PrepackedGemmCases.AssertSameBits(start,
                    (c, accumulate) => Gemm.Multiply(m, n, k, left, right, c, 0, ldc, accumulate, path, blocking),
                    (c, accumulate) => Gemm.Multiply(packed, n, right, c, 0, ldc, accumulate, blocking),
                    $"{path} {typeof(T).Name} {m}×{k}×{n} (A strides {left.RowStride}, {left.ColStride})");
            }
        }
    }
}

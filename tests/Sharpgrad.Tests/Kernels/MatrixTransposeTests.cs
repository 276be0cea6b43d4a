using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// <see cref="MatrixTranspose"/> (register blocks, float32 pairs, then the edges element by element) against a plain double loop on
/// sizes that are not multiples of the block, with row strides wider than the rows and offsets into both arrays; and
/// its range checks.
/// </summary>
public class MatrixTransposeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    [InlineData(7, 9)]
    [InlineData(17, 6)]
    [InlineData(6, 13)]   // a GEMM A strip: a float32 block of four, then a pair (BlockTranspose.Pair), then the depth's tail
    [InlineData(10, 4)]
    [InlineData(64, 32)]
    public void MatchesAPlainLoop(int rows, int columns)
    {
        Check<float>(rows, columns, toStride: rows + 1);
        Check<double>(rows, columns, toStride: rows + 1);
    }

    /// <summary>
    /// A float32 GEMM A strip packed contiguously (six rows, destination stride six) at a depth of eight or more: the
    /// eight-step path (BlockTranspose.SixByEight, whose 8-wide stores overlap the next step's place), then the depth's
    /// tail through the square blocks. Depths 8 and 16 end on a multiple of eight (the last store narrow: a full one
    /// would write two zeros over the sentinels after the destination); 13 and 259 leave a tail. Skipped, with the
    /// reason, on a CPU without AVX, where this path does not exist.
    /// </summary>
    [TheoryNeedingSixByEight]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(259)]
    public void PacksAContiguousSixRowFloatStripEightStepsAtATime(int columns) => Check<float>(6, columns, toStride: 6);

    /// <summary>
    /// The same contiguous six-row strip where SixByEight is not taken, on any CPU: float64 at every depth (2 × 2
    /// blocks), and float32 at depth 7, below eight steps (a 4 × 4 block, a pair, the element loop).
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(259)]
    public void PacksAContiguousSixRowDoubleStripInSquareBlocks(int columns) => Check<double>(6, columns, toStride: 6);

    [Fact]
    public void PacksAContiguousSixRowFloatStripShorterThanEightStepsInSquareBlocks() => Check<float>(6, 7, toStride: 6);

    private static void Check<T>(int rows, int columns, int toStride) where T : unmanaged, System.Numerics.INumber<T>
    {
        int fromOffset = 3, fromStride = columns + 2, toOffset = 5;
        var from = new T[fromOffset + rows * fromStride];
        for (int i = 0; i < from.Length; i++) from[i] = T.CreateChecked(i + 1);
        var to = new T[toOffset + columns * toStride + 4];
        Array.Fill(to, T.CreateChecked(-7));  // a sentinel: a stray write of zero (or of anything) outside the matrix shows
        var expected = (T[])to.Clone();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) expected[toOffset + c * toStride + r] = from[fromOffset + r * fromStride + c];

        MatrixTranspose.Copy(from, fromOffset, fromStride, rows, columns, to, toOffset, toStride);

        Assert.Equal(expected, to);  // including the elements between and after the rows, left untouched
    }

    [Fact]
    public void RejectsADestinationTooSmallNamingTheShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatrixTranspose.Copy(new float[12], 0, 4, 3, 4, new float[11], 0, 3));
        Assert.Contains("destination [4, 3]", ex.Message);
    }

    [Fact]
    public void RejectsASourceStrideNarrowerThanItsRows()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatrixTranspose.Copy(new float[12], 0, 3, 3, 4, new float[12], 0, 3));
        Assert.Contains("source [3, 4] with row stride 3", ex.Message);
    }
}

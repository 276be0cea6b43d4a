using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// The implicit-GEMM register tiles (<see cref="ImplicitGemmKernel"/>) against a plain sum of products in the same
/// order: the tile of 6 rows × 2 vectors, and the wide tile of 6 × 4, which must give the bits of two narrow tiles side
/// by side. The wide tile is plain <see cref="Vector{T}"/> code, so it runs here on any CPU (without AVX-512's 32
/// registers it spills, but computes the same).
/// </summary>
public class ImplicitGemmKernelTests
{
    [Fact]
    public void TheWideTileIsTwoNarrowTilesAndThePlainSums()
    {
        int lanes = Vector<float>.Count, depth = 37, width = 4 * lanes + 3;   // B rows wider than the tile, an odd depth
        var rng = new Random(7);
        var a = Enumerable.Range(0, 6 * depth + 11).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, depth * width + 5).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        int[] aRows = [0, 3, 9, 2, 11, 5];                                          // overlapping rows, as repeated taps are
        var aSteps = new OffsetTable([.. Enumerable.Range(0, depth).Select(p => 6 * p)]);
        var bSteps = new OffsetTable([.. Enumerable.Range(0, depth).Select(p => p * width)]);
        int b0 = 2;
        var start = Enumerable.Range(0, 24).Select(i => new Vector<float>((float)i / 8)).ToArray();

        var wide = start.ToArray();
        ImplicitGemmKernel.RunWide(a, aRows, aSteps, b, b0, bSteps, wide);
        for (int half = 0; half < 2; half++)
        {
            var narrow = new Vector<float>[12];
            for (int r = 0; r < 6; r++)
                for (int v = 0; v < 2; v++) narrow[2 * r + v] = start[4 * r + 2 * half + v];
            int first = b0 + 2 * half * lanes;
            ImplicitGemmKernel.Run<float, ImplicitGemmKernel.Broadcast<float>>(a, aRows, aSteps, b, first, first + lanes, bSteps, narrow);
            for (int r = 0; r < 6; r++)
                for (int v = 0; v < 2; v++) Assert.Equal(narrow[2 * r + v], wide[4 * r + 2 * half + v]);
        }
        // The plain sums, in increasing p from the start value (float64, so only the fused rounding can differ).
        for (int r = 0; r < 6; r++)
            for (int v = 0; v < 4; v++)
                for (int lane = 0; lane < lanes; lane++)
                {
                    double sum = start[4 * r + v][lane];
                    for (int p = 0; p < depth; p++) sum += (double)a[aRows[r] + 6 * p] * b[b0 + v * lanes + lane + p * width];
                    Assert.Equal(sum, wide[4 * r + v][lane], 1e-5);
                }
    }

    [Fact]
    public void TheWideTileChecksItsReadsOfB()
    {
        int lanes = Vector<float>.Count;
        var b = new float[4 * lanes - 1];   // one element short of four vectors
        var error = Assert.Throws<ArgumentException>(() => ImplicitGemmKernel.RunWide(new float[8], [0, 0, 0, 0, 0, 0],
            new OffsetTable([0]), b, 0, new OffsetTable([0]), new Vector<float>[24]));
        Assert.Contains("operand b", error.Message);
    }
}

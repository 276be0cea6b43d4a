using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// <see cref="Gemm.Multiply{T}(int, int, int, Gemm.Operand{T}, Gemm.Operand{T}, T[], int, int, bool)"/> with C's rows
/// further apart than its width (a block of columns of a wider matrix, as the convolution writes a tile of output
/// positions): every path, odd sizes, overwriting and accumulating, against the triple loop, and nothing outside the
/// block written.
/// </summary>
public class GemmRowStrideTests
{
    public static TheoryData<string> AvailablePaths() => SimdPathTests.AvailablePaths();

    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void WritesABlockOfAWiderMatrix(string pathName)
    {
        foreach (var shape in new[] { (1, 1, 1, 1), (7, 17, 33, 5), (17, 7, 65, 31), (33, 65, 7, 2) })
            Check(SimdPaths.Parse(pathName), shape);
    }

    /// <summary>
    /// Products above the per-thread minimum (2²⁰ multiply-adds) with two threads, so C is cut into parts: along its
    /// rows (the longer side) and along its columns; each part must still find its rows ldc apart.
    /// </summary>
    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void WritesABlockWhenSplitAcrossThreads(string pathName)
        => Support.ThreadCounts.With(2, () =>
        {
            foreach (var shape in new[] { (200, 101, 131, 3), (101, 97, 260, 7) })
                Check(SimdPaths.Parse(pathName), shape);
            return 0;
        });

    private static void Check(SimdPath path, (int M, int K, int N, int Extra) shape)
    {
        var (m, k, n, extra) = shape;
        var gen = new Generator(8);
        foreach (bool accumulate in new[] { false, true })
        {
            int ldc = n + extra, offset = 3;
            var a = Tensor.Randn([m, k], DType.Float64, gen).ToArray<double>();
            var b = Tensor.Randn([k, n], DType.Float64, gen).ToArray<double>();
            var c = Tensor.Randn([offset + m * ldc + 4], DType.Float64, gen).ToArray<double>();
            var before = (double[])c.Clone();
            Gemm.Multiply(m, n, k, new Gemm.Operand<double>(a, 0, k, 1), new Gemm.Operand<double>(b, 0, n, 1), c, offset, ldc, accumulate,
                path, GemmBlocking.Default);
            for (int i = 0; i < c.Length; i++)
            {
                int row = (i - offset) / ldc, col = (i - offset) % ldc;
                if (i < offset || row >= m || col >= n)
                {
                    Assert.Equal(before[i], c[i]);
                    continue;
                }
                double expected = accumulate ? before[i] : 0;
                for (int p = 0; p < k; p++) expected += a[row * k + p] * b[p * n + col];
                Assert.True(Math.Abs(expected - c[i]) <= 1e-12 * (1 + Math.Abs(expected)) * k, $"{path} {m}×{k}×{n}: C[{row}, {col}] = {c[i]:R}, expected {expected:R}");
            }
        }
    }
}

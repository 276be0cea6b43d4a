using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The FMA-peak probe of issue #21 times the real micro-kernel: the tile it leaves is the plain sum over the packed
/// strips (so the timed loop is known to compute, not to be optimised away or to read the wrong data), its FLOP count
/// is 2 · 6 rows · (2 registers) columns · 128 steps per call, and bad strips are refused by name.
/// </summary>
public class GemmPeakProbeTests
{
    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void TheTimedTileIsThePlainSumOverThePackedStrips(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        int rows = GemmMicroKernel.Rows, columns = GemmPeakProbe.Columns(path), depth = GemmPeakProbe.Depth;
        var g = new Random(3);
        var a = Enumerable.Range(0, rows * depth).Select(_ => (float)g.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, columns * depth).Select(_ => (float)g.NextDouble() - 0.5f).ToArray();

        var (gflops, tile) = GemmPeakProbe.Measure(path, seconds: 0.01, a, b);

        Assert.True(gflops > 0 && double.IsFinite(gflops), $"{pathName}: {gflops} GFLOP/s");
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                // Packed layout: step p holds A's 6 rows, then B's `columns` values (GemmMicroKernel.Run).
                double sum = 0, magnitude = 0;
                for (int p = 0; p < depth; p++)
                {
                    sum += (double)a[p * rows + i] * b[p * columns + j];
                    magnitude += Math.Abs((double)a[p * rows + i] * b[p * columns + j]);
                }
                // Higham §3.1: |error| ≤ γ_k Σ|aₚbₚ|, γ_k ≈ k·u with u = 2⁻²⁴.
                Assert.True(Math.Abs(tile[i * columns + j] - sum) <= depth * Math.Pow(2, -24) * magnitude * 1.01,
                    $"{pathName}: tile[{i}, {j}] = {tile[i * columns + j]}, plain sum {sum}");
            }
    }

    [Fact]
    public void OneCallIsTwoFlopsPerMultiplyAddOfTheTile()
    {
        Assert.Equal(2L * 6 * 32 * 128, GemmPeakProbe.FlopsPerCall(SimdPath.Vector512));
        Assert.Equal(2L * 6 * 16 * 128, GemmPeakProbe.FlopsPerCall(SimdPath.Vector256));
        Assert.Equal(2L * 6 * 8 * 128, GemmPeakProbe.FlopsPerCall(SimdPath.Vector128));
        Assert.Equal(2L * 6 * 2 * 128, GemmPeakProbe.FlopsPerCall(SimdPath.Scalar));
    }

    /// <summary>
    /// The probe must time the bare loop over k: its calls must be shorter than the depth at which the kernel starts
    /// prefetching the C tile, or the probe (the ceiling every GEMM rate is compared with) would time the hint too.
    /// </summary>
    [Fact]
    public void ProbeCallsAreShorterThanTheCPrefetchDepth()
    {
        int probeDepth = GemmPeakProbe.Depth, prefetchDepth = GemmMicroKernel.PrefetchDepth;
        Assert.True(probeDepth < prefetchDepth, $"GemmPeakProbe.Depth {probeDepth} must be below GemmMicroKernel.PrefetchDepth {prefetchDepth}");
    }

    [Fact]
    public void ShortStripsAndANonPositiveTimeAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => GemmPeakProbe.Measure(SimdPath.Scalar, 0.01, new float[5], new float[2 * 128]));
        Assert.Contains("GemmPeakProbe", e.Message);
        Assert.Contains("6×128", e.Message);
        var t = Assert.Throws<ArgumentOutOfRangeException>(() => CpuPeak.MicroKernelGflops(0));
        Assert.Contains("CpuPeak.MicroKernelGflops", t.Message);
    }
}

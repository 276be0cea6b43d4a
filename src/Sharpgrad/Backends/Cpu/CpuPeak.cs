using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// The CPU's float32 multiply-add peak on one core, as the GEMM's micro-kernel reaches it on packed data in L1
/// (<c>sharpgrad bench --only machine_peak</c> reports sgemm as a fraction of it; docs/performance.md, issue #21).
/// </summary>
public static class CpuPeak
{
    /// <summary>GFLOP/s of the float32 micro-kernel alone on the selected SIMD path, timed for about <paramref name="seconds"/>.</summary>
    public static double MicroKernelGflops(double seconds = 1.0)
    {
        if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "CpuPeak.MicroKernelGflops: the timing must last a positive number of seconds.");
        var path = SimdPaths.Selected;
        // Small values that neither overflow nor go subnormal over billions of calls: each call starts C from zero.
        var packedA = Enumerable.Range(0, GemmMicroKernel.Rows * GemmPeakProbe.Depth).Select(i => 1f + i % 7 / 8f).ToArray();
        var packedB = Enumerable.Range(0, GemmPeakProbe.Columns(path) * GemmPeakProbe.Depth).Select(i => 0.5f - i % 5 / 16f).ToArray();
        return GemmPeakProbe.Measure(path, seconds, packedA, packedB).Gflops;
    }

    /// <summary>The SIMD path the kernels run ("v512", "v256", "v128" or "scalar").</summary>
    public static string SimdPathName => SimdPaths.Name(SimdPaths.Selected);
}

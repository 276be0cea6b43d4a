using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The machine's float32 FMA peak as the GEMM can reach it: the micro-kernel alone (<see cref="GemmMicroKernel"/>),
/// called over and over on one packed A strip and one packed B strip small enough to stay in L1, so that no packing,
/// no cache miss and no loop nest stands between it and the FMA units (the "peak" against which Goto &amp; van de
/// Geijn 2008, §7, and the BLIS papers report a GEMM's efficiency). Whatever a full GEMM reaches is a fraction of this.
/// On the Zen 4 guest it reads the core's ceiling itself: register-only loops of independent FMAs (no loads) on 256-
/// and 512-bit registers ran at the same 113 GFLOP/s, 32 FLOP per cycle at the 3.54 GHz clock (docs/performance.md,
/// "GEMM packing row by row and C prefetch (branch peak21, issue #21)"). Its calls are shorter than
/// <see cref="GemmMicroKernel.PrefetchDepth"/>, so it times the bare loop without the C tile's prefetch.
/// </summary>
internal static class GemmPeakProbe
{
    /// <summary>
    /// Steps of k per kernel call: A is 6 × 128 floats (3 KB), B is 128 × (2 registers) floats (16 KB with AVX-512),
    /// 19 KB together, inside a 32 KB L1 with room for the C tile.
    /// </summary>
    public const int Depth = 128;

    /// <summary>Multiply-adds of one kernel call: Rows × Columns × Depth, two FLOPs each.</summary>
    public static long FlopsPerCall(SimdPath path) => 2L * GemmMicroKernel.Rows * Columns(path) * Depth;

    /// <summary>The tile width of the float32 kernel on <paramref name="path"/>.</summary>
    public static int Columns(SimdPath path) => path switch
    {
        SimdPath.Vector512 => GemmMicroKernel.Columns<float, Vector512<float>, Vector512Lanes<float>>(),
        SimdPath.Vector256 => GemmMicroKernel.Columns<float, Vector256<float>, Vector256Lanes<float>>(),
        SimdPath.Vector128 => GemmMicroKernel.Columns<float, Vector128<float>, Vector128Lanes<float>>(),
        _ => GemmMicroKernel.Columns<float, float, ScalarLanes<float>>(),
    };

    /// <summary>
    /// Runs the kernel for about <paramref name="seconds"/> on the calling thread and returns its GFLOP/s, and the C
    /// tile of the last call (a test checks it against the plain sum, so the timed code is known to compute).
    /// </summary>
    public static (double Gflops, float[] Tile) Measure(SimdPath path, double seconds, float[] packedA, float[] packedB)
    {
        int columns = Columns(path);
        if (packedA.Length < GemmMicroKernel.Rows * Depth || packedB.Length < columns * Depth)
            throw new ArgumentException($"GemmPeakProbe: packed strips of {GemmMicroKernel.Rows}×{Depth} and {Depth}×{columns} floats expected, got {packedA.Length} and {packedB.Length}.");
        if (!SimdPaths.IsAvailable(path))
            throw new ArgumentException($"GemmPeakProbe: the {SimdPaths.Name(path)} path is not available on this CPU.", nameof(path));
        var tile = new float[GemmMicroKernel.Rows * columns];
        Func<int, long> batch = path switch
        {
            SimdPath.Vector512 => calls => Calls<Vector512<float>, Vector512Lanes<float>>(calls, packedA, packedB, tile),
            SimdPath.Vector256 => calls => Calls<Vector256<float>, Vector256Lanes<float>>(calls, packedA, packedB, tile),
            SimdPath.Vector128 => calls => Calls<Vector128<float>, Vector128Lanes<float>>(calls, packedA, packedB, tile),
            _ => calls => Calls<float, ScalarLanes<float>>(calls, packedA, packedB, tile),
        };
        batch(1000);  // warm-up: the kernel is compiled straight to optimised code, the caches and the clock settle
        long total = 0;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds) total += batch(10_000);
        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (total * FlopsPerCall(path) / elapsed / 1e9, tile);
    }

    private static long Calls<TVector, TLanes>(int calls, float[] packedA, float[] packedB, float[] tile)
        where TVector : struct where TLanes : ISimdLanes<float, TVector>
    {
        int columns = GemmMicroKernel.Columns<float, TVector, TLanes>();
        for (int i = 0; i < calls; i++)
            GemmMicroKernel.Run<float, TVector, TLanes>(Depth, ref packedA[0], ref packedB[0], ref tile[0], columns, overwrite: true);
        return calls;
    }
}

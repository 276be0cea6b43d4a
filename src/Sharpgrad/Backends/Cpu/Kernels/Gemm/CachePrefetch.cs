using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>
/// Software prefetch of contiguous runs of elements into L1 (<c>prefetcht0</c>), for data a kernel will read soon
/// from lines the hardware prefetcher has not been led to: the GEMM's C tile before its loop over k, and the next
/// strip of a row-major A while the current one is packed. A hint only: the address is never dereferenced, so a stale
/// one (had the GC moved the array in between) does no harm. Nothing is issued where SSE is absent (e.g. ARM64).
/// </summary>
internal static class CachePrefetch
{
    private const int LineBytes = 64;

    /// <summary>
    /// Hints the lines of <paramref name="runs"/> runs of <paramref name="length"/> contiguous elements, the first at
    /// <paramref name="first"/> and each <paramref name="stride"/> elements after the last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Runs<T>(ref T first, nint stride, int runs, int length) where T : unmanaged
    {
        if (!Sse.IsSupported || length <= 0) return;
        int elementsPerLine = Math.Max(1, LineBytes / sizeof(T));
        for (int r = 0; r < runs; r++)
        {
            byte* run = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref first, r * stride));
            for (int e = 0; e < length; e += elementsPerLine) Sse.Prefetch0(run + (nint)e * sizeof(T));
            // A run that does not start on a line boundary ends on one line more than the loop above reached.
            Sse.Prefetch0(run + (nint)(length - 1) * sizeof(T));
        }
    }
}

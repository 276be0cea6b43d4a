using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// Each thread's packing buffers, kept between calls: allocating (and zeroing) a fresh panel per call dominated small
/// products, and reusing one keeps the GEMM free of garbage. The arrays are pinned so that the returned spans can
/// start on a 64-byte boundary: a 512-bit load that straddles two cache lines costs two.
/// </summary>
internal static class GemmBuffers<T> where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic] private static T[]? packedA;
    [ThreadStatic] private static T[]? packedB;

    /// <summary>Room for a packed block of A; valid until this thread's next GEMM.</summary>
    public static Span<T> ForA(int length) => Aligned(ref packedA, length);

    /// <summary>Room for a packed block of B; valid until this thread's next GEMM.</summary>
    public static Span<T> ForB(int length) => Aligned(ref packedB, length);

    private static unsafe Span<T> Aligned(ref T[]? buffer, int length)
    {
        int slack = Alignment / Unsafe.SizeOf<T>();
        if (buffer is null || buffer.Length < length + slack)
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        long address = (long)Unsafe.AsPointer(ref buffer[0]);
        int skip = (int)((Alignment - address % Alignment) % Alignment) / Unsafe.SizeOf<T>();
        return buffer.AsSpan(skip, length);
    }
}

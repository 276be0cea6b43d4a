using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The packing buffers of one running part of a GEMM, rented from a small pool and returned when the part is done.
/// Allocating (and zeroing) fresh panels per call dominated small products, and a pool rather than per-thread buffers
/// keeps the memory bounded by how many parts run at once, whichever pool threads happen to run them. The arrays are
/// pinned so that the spans handed out start on a 64-byte boundary: a 512-bit load that straddles two cache lines
/// costs two.
/// </summary>
internal sealed class GemmWorkspace<T> where T : unmanaged
{
    private const int Alignment = 64;
    private static readonly Stack<GemmWorkspace<T>> pool = new();
    private static readonly int poolLimit = Math.Max(2, Environment.ProcessorCount);

    private T[]? packedA;
    private T[]? packedB;

    public static GemmWorkspace<T> Rent()
    {
        lock (pool) return pool.TryPop(out var workspace) ? workspace : new GemmWorkspace<T>();
    }

    public static void Return(GemmWorkspace<T> workspace)
    {
        lock (pool)
            if (pool.Count < poolLimit) pool.Push(workspace);
    }

    /// <summary>Room for a packed block of A, valid until the workspace is returned.</summary>
    public Span<T> ForA(int length) => Aligned(ref packedA, length);

    /// <summary>Room for a packed block of B, valid until the workspace is returned.</summary>
    public Span<T> ForB(int length) => Aligned(ref packedB, length);

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

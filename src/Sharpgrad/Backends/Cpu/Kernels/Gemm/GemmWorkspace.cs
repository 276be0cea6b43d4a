using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The packing buffers of one running part of a GEMM, rented from a small pool and returned when the part is done.
/// Allocating (and zeroing) fresh panels per call dominated small products. The pool hands a thread back the
/// workspace it returned (<see cref="ThreadAffinePool{TItem}"/>): packing into panels another core wrote last pulls
/// every line across. On this project's 2-vCPU guest that, with the convolutions' scratch, cost ResNet-18's batch-1
/// forward at 2 threads 3–4 ms whenever the host placed the vCPUs apart (docs/performance.md, "Two-thread slow
/// windows"). The arrays are pinned so that the spans handed out start on a 64-byte boundary: a 512-bit load that
/// straddles two cache lines costs two.
/// </summary>
internal sealed class GemmWorkspace<T> where T : unmanaged
{
    private const int Alignment = 64;
    private static readonly ThreadAffinePool<GemmWorkspace<T>> pool = new(perThread: 2, sharedLimit: Math.Max(2, Environment.ProcessorCount));

    private T[]? packedA;
    private T[]? packedB;

    public static GemmWorkspace<T> Rent() => pool.Rent(static () => new GemmWorkspace<T>());

    public static void Return(GemmWorkspace<T> workspace) => pool.Return(workspace);

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

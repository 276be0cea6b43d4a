namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <summary>The elements of the contiguous tensor <paramref name="t"/>, in order, for kernels that take spans.</summary>
    private static Span<T> Elements<T>(Tensor t) where T : unmanaged => t.Data<T>().AsSpan(t.offset, t.Count);
}

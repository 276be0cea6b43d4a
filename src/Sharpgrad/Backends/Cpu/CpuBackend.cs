namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// The fast backend: the SIMD kernels of <c>Backends/Cpu/Kernels</c>, split across <see cref="Threads.Count"/> threads
/// in chunks that depend only on the problem size, so the results are the same bits at any thread count. Each group
/// of primitives is a partial file that picks the kernel instantiation for the dtype.
/// </summary>
internal sealed partial class CpuBackend(Device device) : HostBackend(device);

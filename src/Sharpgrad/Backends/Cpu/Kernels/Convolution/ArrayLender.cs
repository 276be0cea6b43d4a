namespace Sharpgrad.Kernels;

/// <summary>
/// Where a kernel gets a work array of an exact length and gives it back when its threads have joined: the CPU backend
/// passes its buffer pool (BufferPool.Shared, a layer above the kernels, which may not name it). Without one, kernels
/// allocate and leave the array to the GC.
/// </summary>
internal sealed record ArrayLender<T>(Func<int, T[]> Rent, Action<T[]> Return) where T : unmanaged;

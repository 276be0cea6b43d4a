namespace Sharpgrad;

/// <summary>
/// A flat buffer of elements that one or more tensors view through (shape, strides, offset), on one
/// <see cref="Sharpgrad.Device"/>. Views share a storage; only ops that must produce new values allocate one. Storages
/// are made by their device's backend (<see cref="Backends.Backend.Allocate"/>); only the backend reads or writes
/// their elements.
/// </summary>
internal abstract class Storage(DType dtype, Device device)
{
    public abstract int Length { get; }

    /// <summary>The size of the buffer in bytes.</summary>
    public long Bytes => (long)Length * DType.ElementSize();

    // Fields rather than virtual properties: every op reads both for each operand (dtype promotion, device checks).
    public DType DType { get; } = dtype;
    public Device Device { get; } = device;

    private int version;

    /// <summary>
    /// How many times the elements have been written in place since the storage was made (PyTorch's version counter,
    /// shared by all views as here). Every write into an existing storage counts: the in-place tensor ops
    /// (<c>CopyFrom</c>, <c>Fill</c>, <c>AddInPlace</c>, <c>MulInPlace</c>, indexer assignment, all through
    /// <c>Elementwise.CopyInto</c> and <c>Elementwise.TryInPlace</c>) and the optimisers' update rules
    /// (<c>Optimizer.ApplyRule</c>). A primitive's output is a fresh storage, written before anyone sees it, so it needs
    /// no count. Whatever a backend keeps derived from a storage (the packed convolution weights of inference) stays
    /// valid only while the version it was derived at is current.
    /// </summary>
    public int Version => Volatile.Read(ref version);

    /// <summary>
    /// Counts an in-place write; called once the elements have changed (also when the write failed part way), so that a
    /// reader that takes the version before reading the elements can never keep new elements under an old version: at
    /// worst it keeps old ones under a version that is already past.
    /// </summary>
    public void MarkWritten() => Interlocked.Increment(ref version);

    /// <summary>Hands the buffer back to the pool. Only for storages no tensor outside the library can reach.</summary>
    public abstract void Recycle();
}

/// <summary>
/// Elements in a managed array in this process's memory: the storage of the backends that compute on the CPU (cpu and
/// reference). A GPU backend would add its own subclass holding device memory. Arrays come from
/// <see cref="BufferPool"/>, and every storage made on a thread is reported to that thread's <see cref="AllocationLog"/>,
/// if one is open, so the backward pass can tell its own buffers from the user's.
/// </summary>
internal sealed class HostStorage<T>(T[] data, Device device) : Storage(DTypeInfo.Of<T>(), device) where T : unmanaged
{
    public readonly T[] Data = data;
    public override int Length => Data.Length;

    public static HostStorage<T> Rent(int length, bool zeroed, Device device)
    {
        var array = BufferPool.Shared.Rent<T>(length);
        if (zeroed) Array.Clear(array);
        var storage = new HostStorage<T>(array, device);
        AllocationLog.Current?.Add(storage);
        return storage;
    }

    public override void Recycle() => BufferPool.Shared.Return(Data);
}

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

    // Fields rather than virtual properties: every op reads both for each operand (dtype promotion, device checks).
    public DType DType { get; } = dtype;
    public Device Device { get; } = device;

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

namespace Sharpgrad;

/// <summary>
/// A flat buffer of elements that one or more tensors view through (shape, strides, offset).
/// Views share a storage; only ops that must produce new values allocate one. Arrays come from
/// <see cref="BufferPool"/>, and every storage made on a thread is reported to that thread's
/// <see cref="AllocationLog"/>, if one is open, so the backward pass can tell its own buffers from the user's.
/// </summary>
internal abstract class Storage
{
    public abstract int Length { get; }
    public abstract DType DType { get; }

    /// <summary>A storage of <paramref name="length"/> elements, zero-filled or, when every element is about to be written, as found.</summary>
    public static Storage Allocate(DType dtype, int length, bool zeroed = true) => dtype switch
    {
        DType.Float32 => Storage<float>.Rent(length, zeroed),
        DType.Float64 => Storage<double>.Rent(length, zeroed),
        DType.Int64 => Storage<long>.Rent(length, zeroed),
        DType.Bool => Storage<bool>.Rent(length, zeroed),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Hands the array back to the pool. Only for storages no tensor outside the library can reach.</summary>
    public abstract void Recycle();
}

internal sealed class Storage<T>(T[] data) : Storage where T : unmanaged
{
    public readonly T[] Data = data;
    public override int Length => Data.Length;
    public override DType DType { get; } = DTypeInfo.Of<T>();

    public static Storage<T> Rent(int length, bool zeroed)
    {
        var array = BufferPool.Shared.Rent<T>(length);
        if (zeroed) Array.Clear(array);
        var storage = new Storage<T>(array);
        AllocationLog.Current?.Add(storage);
        return storage;
    }

    public override void Recycle() => BufferPool.Shared.Return(Data);
}

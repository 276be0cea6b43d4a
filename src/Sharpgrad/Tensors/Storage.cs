namespace Sharpgrad;

/// <summary>
/// A flat buffer of elements that one or more tensors view through (shape, strides, offset).
/// Views share a storage; only ops that must produce new values allocate one.
/// </summary>
internal abstract class Storage
{
    public abstract int Length { get; }
    public abstract DType DType { get; }

    public static Storage Allocate(DType dtype, int length) => dtype switch
    {
        DType.Float32 => new Storage<float>(new float[length]),
        DType.Float64 => new Storage<double>(new double[length]),
        DType.Int64 => new Storage<long>(new long[length]),
        DType.Bool => new Storage<bool>(new bool[length]),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };
}

internal sealed class Storage<T>(T[] data) : Storage where T : unmanaged
{
    public readonly T[] Data = data;
    public override int Length => Data.Length;
    public override DType DType { get; } = DTypeInfo.Of<T>();
}

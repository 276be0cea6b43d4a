using System.Runtime.InteropServices;

namespace Sharpgrad.Backends;

/// <summary>
/// What the backends that compute in this process's memory (cpu and reference) share: storages are pooled managed
/// arrays (<see cref="HostStorage{T}"/>) and moving elements in or out is a copy of bytes; for some primitive groups
/// (pooling, batch norm, cross-entropy; the partial files beside this one) also the device check and the dtype
/// switch, so each backend implements only the generic form.
/// </summary>
internal abstract partial class HostBackend(Device device) : Backend(device)
{
    public override Storage Allocate(DType dtype, int length, bool zeroed) => dtype switch
    {
        DType.Float32 => HostStorage<float>.Rent(length, zeroed, Device),
        DType.Float64 => HostStorage<double>.Rent(length, zeroed, Device),
        DType.Int64 => HostStorage<long>.Rent(length, zeroed, Device),
        DType.Bool => HostStorage<bool>.Rent(length, zeroed, Device),
        DType.Float16 => HostStorage<Half>.Rent(length, zeroed, Device),
        DType.BFloat16 => HostStorage<BFloat16>.Rent(length, zeroed, Device),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    public override void Upload(ReadOnlySpan<byte> source, Tensor destination)
    {
        RequireOwn("Upload", destination);
        source.CopyTo(Bytes(destination));
    }

    public override void Download(Tensor source, Span<byte> destination)
    {
        RequireOwn("Download", source);
        Bytes(source).CopyTo(destination);
    }

    /// <summary>The bytes of the contiguous elements of <paramref name="t"/>.</summary>
    private static Span<byte> Bytes(Tensor t) => t.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(t.Data<float>().AsSpan(t.offset, t.Count)),
        DType.Float64 => MemoryMarshal.AsBytes(t.Data<double>().AsSpan(t.offset, t.Count)),
        DType.Int64 => MemoryMarshal.AsBytes(t.Data<long>().AsSpan(t.offset, t.Count)),
        DType.Bool => MemoryMarshal.AsBytes(t.Data<bool>().AsSpan(t.offset, t.Count)),
        DType.Float16 => MemoryMarshal.AsBytes(t.Data<Half>().AsSpan(t.offset, t.Count)),
        DType.BFloat16 => MemoryMarshal.AsBytes(t.Data<BFloat16>().AsSpan(t.offset, t.Count)),
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}

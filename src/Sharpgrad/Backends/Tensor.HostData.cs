namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>The device holding the elements; ops compute there (docs/design.md, "Backends").</summary>
    public Device Device => storage.Device;

    /// <summary>The backend that computes on this tensor's device.</summary>
    internal Backends.Backend Backend => storage.Device.Backend;

    /// <summary>
    /// The backing array of a tensor in host memory, valid only together with <see cref="offset"/> and
    /// <see cref="strides"/>. Only backends call it (a source scan in the tests holds that): everything above the seam
    /// goes through a <see cref="Backends.Backend"/> primitive.
    /// </summary>
    internal T[] Data<T>() where T : unmanaged => storage is HostStorage<T> s
        ? s.Data
        : throw new InvalidOperationException(storage.DType != DTypeInfo.Of<T>()
            ? $"Tensor: expected dtype {DTypeInfo.Of<T>().Name()}, but the tensor is {DType.Name()}."
              + (DType.IsHalf() ? " The half types support storage, conversion and elementwise ops only; convert with To(DType.Float32) first." : "")
            : $"Tensor: the elements of a tensor on device {Device} are not in host memory.");
}

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
    /// <remarks>
    /// A float16 or bfloat16 tensor reaching a kernel written for float32/float64 is an op that does not compute on the
    /// half types yet; the ops that check first name themselves (<see cref="DTypeInfo.RequireComputable"/>), and this is
    /// the backstop for the others, so that the user still learns what to do rather than seeing a cast fail.
    /// </remarks>
    internal T[] Data<T>() where T : unmanaged => storage is HostStorage<T> s
        ? s.Data
        : throw (storage.DType != DTypeInfo.Of<T>() && DType.IsHalf()
            ? new NotSupportedException($"Tensor: this op computes on {DTypeInfo.Of<T>().Name()}, not yet on {DType.Name()} (the half types support "
                + "storage, conversion, elementwise ops, sums, matrix products, convolution and pooling); convert with To(DType.Float32) first (and back with To(dtype) after).")
            : new InvalidOperationException(storage.DType != DTypeInfo.Of<T>()
                ? $"Tensor: expected dtype {DTypeInfo.Of<T>().Name()}, but the tensor is {DType.Name()}."
                : $"Tensor: the elements of a tensor on device {Device} are not in host memory."));
}

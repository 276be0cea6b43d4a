namespace Sharpgrad.Backends;

/// <summary>
/// The seam under the ops (docs/design.md, "Backends"). Every loop over tensor elements is a primitive of this class;
/// ops, autograd rules, layers and optimisers check shapes and dtypes, allocate outputs and call a primitive on their
/// operands' device's backend, and never touch elements themselves. A primitive receives tensors as views (storage,
/// shape, strides, offset) already checked by the op, all on this backend's device, and dispatches on their dtype
/// once, here rather than in every op.
/// The primitives are grouped by area in partial files (<c>Backend.Elementwise.cs</c>, …); each group is implemented by
/// <see cref="CpuBackend"/> (the fast kernels) and <see cref="ReferenceBackend"/> (scalar loops, the oracle).
/// </summary>
internal abstract partial class Backend(Device device)
{
    public Device Device { get; } = device;

    /// <summary>A storage of <paramref name="length"/> elements, zero-filled or, when every element is about to be written, as found.</summary>
    public abstract Storage Allocate(DType dtype, int length, bool zeroed);

    /// <summary>Writes the bytes of <paramref name="source"/> (elements of the destination's dtype, row-major) into the contiguous tensor <paramref name="destination"/>.</summary>
    /// <remarks>The copy is finished when this returns: callers reuse <paramref name="source"/> at once or return it to a pool
    /// (the data loaders' rented gather and conversion buffers rely on it), so a device backend that copies asynchronously must
    /// stage the bytes first.</remarks>
    public abstract void Upload(ReadOnlySpan<byte> source, Tensor destination);

    /// <summary>Reads the elements of the contiguous tensor <paramref name="source"/> as bytes, row-major.</summary>
    public abstract void Download(Tensor source, Span<byte> destination);

    /// <summary>Fails unless every tensor lives on this backend's device: no primitive reads another device's memory.</summary>
    protected void RequireOwn(string op, Tensor a, Tensor? b = null, Tensor? c = null, Tensor? d = null)
    {
        if (a.Device != Device || (b is not null && b.Device != Device) || (c is not null && c.Device != Device) || (d is not null && d.Device != Device))
            throw new InvalidOperationException($"{op}: expected all tensors on device {Device}, got "
                + string.Join(", ", new[] { a, b, c, d }.OfType<Tensor>().Select(t => t.Device.Name)) + "; move them with To(device).");
    }
}

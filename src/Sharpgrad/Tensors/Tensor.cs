using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad;

/// <summary>
/// An n-dimensional array with a dtype, viewing a shared <see cref="Storage"/> through shape, strides and an offset.
/// Views (Transpose, Narrow, Expand, ...) share storage; ops that compute new values allocate. A floating-point
/// tensor with <see cref="RequiresGrad"/> records the ops applied to it so that <see cref="Backward"/> can
/// differentiate them (GBC §6.5). Tensors are ordinary GC objects: there is nothing to dispose.
/// </summary>
public sealed partial class Tensor
{
    // Not readonly only for ReplaceData (Module.To): a tensor's layout never changes otherwise.
    internal Storage storage;
    internal readonly int[] shape;
    internal int[] strides;
    internal int offset;
    private bool requiresGrad;
    private Tensor? grad;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /// <summary>A new contiguous tensor with zeroed storage, on <paramref name="device"/> (default: <see cref="Device.Default"/>).</summary>
    internal static Tensor Empty(DType dtype, ReadOnlySpan<int> shape, Device? device = null) => Allocate(dtype, shape, device, zeroed: true);

    internal static Tensor EmptyLike(Tensor t, DType? dtype = null) => Empty(dtype ?? t.DType, t.shape, t.Device);

    /// <summary>
    /// A new contiguous tensor whose elements are left as found (a recycled buffer may hold old values), for ops
    /// that write every element; saves the zeroing pass over memory that is about to be overwritten.
    /// </summary>
    internal static Tensor Uninitialized(DType dtype, ReadOnlySpan<int> shape, Device? device = null) => Allocate(dtype, shape, device, zeroed: false);

    internal static Tensor UninitializedLike(Tensor t, DType? dtype = null) => Uninitialized(dtype ?? t.DType, t.shape, t.Device);

    private static Tensor Allocate(DType dtype, ReadOnlySpan<int> shape, Device? device, bool zeroed)
    {
        ShapeUtil.CheckShape(shape, "Tensor");
        var dims = shape.ToArray();
        var storage = (device ?? Device.Default).Backend.Allocate(dtype, ShapeUtil.Count(dims), zeroed);
        return new Tensor(storage, dims, ShapeUtil.ContiguousStrides(dims), 0);
    }

    /// <summary>A contiguous tensor of <paramref name="shape"/> on <paramref name="device"/> holding a copy of <paramref name="values"/>.</summary>
    internal static Tensor FromHost<T>(ReadOnlySpan<T> values, int[] shape, Device? device = null) where T : unmanaged
        => FromHostBytes(MemoryMarshal.AsBytes(values), DTypeInfo.Of<T>(), shape, device);

    /// <summary>A contiguous tensor of <paramref name="shape"/> and <paramref name="dtype"/> whose elements are <paramref name="bytes"/> (little-endian, row-major).</summary>
    internal static Tensor FromHostBytes(ReadOnlySpan<byte> bytes, DType dtype, int[] shape, Device? device = null)
    {
        var t = Uninitialized(dtype, shape, device);
        t.Backend.Upload(bytes, t);
        return t;
    }

    public DType DType => storage.DType;

    /// <summary>The sizes of each dim; it prints as "[2, 3]" and converts to <c>int[]</c> (a copy: the tensor's shape cannot be changed through it).</summary>
    public TensorShape Shape => new(shape);

    /// <summary>The element step of each dim in the underlying storage.</summary>
    public int[] Strides => (int[])strides.Clone();

    public int Rank => shape.Length;

    /// <summary>The number of elements (PyTorch's numel).</summary>
    public int Count => ShapeUtil.Count(shape);

    public int Size(int dim) => shape[ShapeUtil.NormalizeDim(dim, Rank, "Size")];

    /// <summary>The shape as text, "[2, 3]", for messages.</summary>
    public string ShapeText => ShapeUtil.Format(shape);

    public bool IsContiguous
    {
        get
        {
            // An empty tensor has no elements to be out of order (as in PyTorch); its strides need not be consistent.
            if (shape.Contains(0)) return true;
            int expected = 1;
            for (int d = Rank - 1; d >= 0; d--)
            {
                if (shape[d] != 1 && strides[d] != expected) return false;
                expected *= shape[d];
            }
            return true;
        }
    }

    /// <summary>Whether gradients flow to this tensor. Only float32 and float64 tensors can require them.</summary>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (value && !DType.IsFloatingPoint())
                throw new InvalidOperationException($"RequiresGrad: only floating-point tensors can require gradients, got {DType.Name()}.");
            if (!value && GradFn is not null)
                throw new InvalidOperationException("RequiresGrad: cannot turn off gradients of a non-leaf tensor; use Detach() instead.");
            requiresGrad = value;
        }
    }

    /// <summary>Marks this leaf as requiring gradients and returns it, for fluent construction.</summary>
    public Tensor RequireGrad()
    {
        RequiresGrad = true;
        return this;
    }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>; null until then.</summary>
    public Tensor? Grad
    {
        get => grad;
        set
        {
            if (value is not null && !value.shape.AsSpan().SequenceEqual(shape))
                throw new ArgumentException($"Grad: gradient shape {value.ShapeText} does not match tensor shape {ShapeText}.");
            grad = value;
        }
    }

    /// <summary>The node that produced this tensor, or null for a leaf.</summary>
    public Node? GradFn { get; internal set; }

    public bool IsLeaf => GradFn is null;

    /// <summary>Marks a freshly computed tensor as an output of a recorded op.</summary>
    internal void AttachNode(Node node)
    {
        GradFn = node;
        requiresGrad = true;
    }

    /// <summary>
    /// Makes this leaf hold <paramref name="source"/>'s values (same shape, any dtype) in new storage, keeping its
    /// identity, so that modules and optimisers holding it see the change: what <c>Module.To(dtype)</c> needs,
    /// PyTorch's <c>param.data = …</c>. A gradient of the old dtype is dropped; one on the old device moves along.
    /// </summary>
    internal void ReplaceData(Tensor source)
    {
        if (!IsLeaf || !SameShape(this, source))
            throw new InvalidOperationException($"ReplaceData: expected a leaf and a source of shape {ShapeText}, got {source.ShapeText}.");
        var c = source.Contiguous(copy: ReferenceEquals(source.storage, storage));
        storage = c.storage;
        strides = c.strides;
        offset = c.offset;
        if (grad is not null && grad.DType != DType) grad = null;
        else if (grad is not null && grad.Device != Device) grad = grad.To(Device);
    }

    /// <summary>The same data, cut from the graph: no gradient flows through the result (stop-gradient).</summary>
    public Tensor Detach() => new(storage, shape, strides, offset);

    /// <summary>A view with the same layout but a distinct identity, so it can carry its own graph node.</summary>
    internal Tensor Alias() => new(storage, shape, strides, offset);

    /// <summary>The single value of a one-element tensor, as a double.</summary>
    public double Item()
    {
        if (Count != 1) throw new InvalidOperationException($"Item: only one-element tensors can be converted to a scalar, got shape {ShapeText}.");
        return DType switch
        {
            DType.Float32 => One<float>(),
            DType.Float64 => One<double>(),
            DType.Int64 => One<long>(),
            DType.Float16 or DType.BFloat16 => To(DType.Float32).One<float>(),
            _ => One<bool>() ? 1 : 0,
        };
    }

    /// <summary>
    /// The single value converted to <typeparamref name="T"/> from any dtype, like PyTorch's <c>item()</c> followed by a
    /// Python conversion: floats to integers truncate toward zero (an error when the value does not fit, or is NaN), and
    /// anything non-zero is <c>true</c>. T may be double, float, long, int or bool.
    /// </summary>
    public T Item<T>() where T : unmanaged
    {
        if (Count != 1) throw new InvalidOperationException($"Item: only one-element tensors can be converted to a scalar, got shape {ShapeText}.");
        if (DTypeInfo.TryOf<T>() == DType) return One<T>();
        return DType == DType.Int64 ? ScalarConversion.To<T>(One<long>()) : ScalarConversion.To<T>(Item());
    }

    /// <summary>The elements in row-major order, as a new array.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (DType != DTypeInfo.Of<T>())
            throw new InvalidOperationException($"ToArray: expected dtype {DTypeInfo.Of<T>().Name()}, but the tensor is {DType.Name()}; convert it with To(dtype) first.");
        var c = Contiguous();
        var values = new T[c.Count];
        c.Backend.Download(c, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>The elements in row-major order as little-endian bytes of this dtype, copied from the device.</summary>
    internal byte[] ToHostBytes()
    {
        var c = Contiguous();
        var bytes = new byte[(long)c.Count * DType.ElementSize()];
        c.Backend.Download(c, bytes);
        return bytes;
    }

    /// <summary>The single element, read from the device; the caller has checked the dtype and the count.</summary>
    private T One<T>() where T : unmanaged
    {
        Span<T> value = stackalloc T[1];
        Backend.Download(this, MemoryMarshal.AsBytes(value));
        return value[0];
    }

    /// <summary>Row-major elements as doubles, whatever the dtype; handy for tests and printing.</summary>
    public double[] ToDoubleArray() => To(DType.Float64).ToArray<double>();

    public override string ToString() => TensorFormatter.Format(this);

    internal int[] ContiguousStrides() => ShapeUtil.ContiguousStrides(shape);

    internal static bool SameShape(Tensor a, Tensor b) => a.shape.AsSpan().SequenceEqual(b.shape);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int OffsetOf(ReadOnlySpan<int> index)
    {
        int o = offset;
        for (int d = 0; d < index.Length; d++) o += index[d] * strides[d];
        return o;
    }
}

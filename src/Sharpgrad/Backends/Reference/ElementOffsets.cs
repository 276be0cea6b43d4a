namespace Sharpgrad.Backends.Reference;

/// <summary>
/// Where element i (in row-major order) of a strided view lives in its storage (GBC §2.1 on tensors as arrays): i is
/// split into one index per dim, last dim fastest, and each index is multiplied by the view's stride in that dim. An
/// operand broadcast to a larger shape has stride 0 along the dims it repeats. The reference loops recompute this for
/// every element; the CPU kernels walk the same offsets incrementally (<c>StridedLayout</c>).
/// </summary>
internal readonly struct ElementOffsets
{
    private readonly int[] shape;
    private readonly int[] strides;
    private readonly int offset;

    /// <summary>The offsets of <paramref name="t"/>'s elements as seen when it is broadcast to <paramref name="shape"/>.</summary>
    public ElementOffsets(Tensor t, int[] shape)
    {
        this.shape = shape;
        strides = ShapeUtil.BroadcastStrides(t.shape, t.strides, shape);
        offset = t.offset;
    }

    /// <summary>The offsets of <paramref name="t"/>'s own elements.</summary>
    public ElementOffsets(Tensor t) : this(t, t.shape) { }

    public int this[int linear]
    {
        get
        {
            int at = offset;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                at += linear % shape[d] * strides[d];
                linear /= shape[d];
            }
            return at;
        }
    }
}

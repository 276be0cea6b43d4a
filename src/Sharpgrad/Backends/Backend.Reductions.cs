namespace Sharpgrad.Backends;

// Reduction primitives. The op (Tensors/Tensor.Reductions.cs, through ReductionPlan) has brought the reduced dims
// together, so the input is a contiguous block, starting at its offset, read as [outer, length, inner]: outer·inner
// lines of length elements, inner apart, each reduced to one element. Outputs are contiguous [outer, inner] tensors
// the op has just allocated (offset 0), and every element of them is written.
internal abstract partial class Backend
{
    /// <summary>
    /// output[o, i] = x[o, 0, i] ⊕ … ⊕ x[o, length−1, i] for ⊕ = <paramref name="kind"/> (the identity when length is
    /// 0). float32, float64 or int64; the output has the input's dtype.
    /// </summary>
    public abstract void Reduce(Tensor output, Tensor input, int outer, int length, int inner, ReductionKind kind);

    /// <summary>
    /// values[o, i] = the max (or min) of line (o, i) and indices[o, i] (int64) the position of its first occurrence;
    /// a NaN beats every number, so the first NaN is the answer where there is one (PyTorch). length ≥ 1. float32,
    /// float64 or int64; values have the input's dtype.
    /// </summary>
    public abstract void ArgExtreme(Tensor values, Tensor indices, Tensor input, int outer, int length, int inner, bool max);
}

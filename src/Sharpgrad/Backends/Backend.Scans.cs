namespace Sharpgrad.Backends;

// Running-op primitives. The op (Tensors/Tensor.Cumulative.cs) passes contiguous tensors read as [outer, length, inner]
// (inputs from their offset; outputs just allocated, offset 0, every element written) and scans each of the
// outer·inner lines along the middle axis.
internal abstract partial class Backend
{
    /// <summary>
    /// output[o, r, i] = x[o, 0, i] ⊕ … ⊕ x[o, r, i] for ⊕ = <paramref name="kind"/>. float32 or float64, and int64
    /// for sums and products; the output has the input's dtype and shape.
    /// </summary>
    public abstract void Scan(Tensor output, Tensor input, int outer, int length, int inner, ScanKind kind);

    /// <summary>
    /// The gradient of a running product, exact where elements are 0 (no division):
    /// dx[o, k, i] = Σ_{j≥k} g[o, j, i] · ∏_{r≤j, r≠k} x[o, r, i]. dx, x and g of one shape and one float dtype.
    /// </summary>
    public abstract void CumProdGrad(Tensor dx, Tensor x, Tensor g, int outer, int length, int inner);
}

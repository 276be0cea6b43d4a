namespace Sharpgrad.Backends;

// The matrix product, the one primitive behind MatMul, Linear, Einsum and every GEMM-shaped op above the seam.
internal abstract partial class Backend
{
    /// <summary>
    /// c[…, i, j] = Σₗ a[…, i, l]·b[…, l, j] (+ c[…, i, j] when <paramref name="accumulate"/>) for every batch index …:
    /// a batched matrix product (GBC §2.1), float32 or float64, all three of one dtype.
    /// <paramref name="c"/> [batch…, m, n] is written and must be contiguous. <paramref name="a"/> […, m, k] and
    /// <paramref name="b"/> […, k, n] are any strided views whose leading dims broadcast to c's batch dims; a transposed
    /// operand is a view with its last two strides swapped, read in place.
    /// </summary>
    public abstract void MatMul(Tensor c, Tensor a, Tensor b, bool accumulate);

    /// <summary>
    /// <see cref="MatMul(Tensor, Tensor, Tensor, bool)"/> for c [m, n] and a [m, k] by a layer's weights b [k, n] (a
    /// linear layer's Wᵀ, any strided view): bitwise the plain product. <paramref name="inference"/> is a hint, as for
    /// <see cref="ConvForward"/>: the caller computes no gradients, so b is likely read again unchanged and a backend may
    /// keep it prepared between calls. The default is the plain product.
    /// </summary>
    public virtual void MatMulWeights(Tensor c, Tensor a, Tensor b, bool accumulate, bool inference) => MatMul(c, a, b, accumulate);

    /// <summary>
    /// Prepares a matrix b [k, n] to be the right operand of many products (see <see cref="PreparedRightOperand"/>).
    /// The default prepares nothing; a backend whose products would repeat work on b does it here, once.
    /// </summary>
    public virtual PreparedRightOperand PrepareRight(Tensor b) => new(b);

    /// <summary>
    /// <see cref="MatMul(Tensor, Tensor, Tensor, bool)"/> with b prepared beforehand, c [m, n] and a [m, k]: bitwise
    /// the product with b itself.
    /// </summary>
    public virtual void MatMul(Tensor c, Tensor a, PreparedRightOperand b, bool accumulate) => MatMul(c, a, b.Tensor, accumulate);
}

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
}

namespace Sharpgrad.Backends;

/// <summary>
/// A right operand b [k, n] of many matrix products, prepared once by <see cref="Backend.PrepareRight"/> and passed to
/// <see cref="Backend.MatMul(Tensor, Tensor, PreparedRightOperand, bool)"/> instead of b: an LSTM's W_hh, multiplied
/// by each step's state (issue #12). What a backend prepares is its own (the CPU backend packs b's GEMM panels once);
/// the default keeps b as it is. It reflects b's values when prepared, so it lives no longer than b stays unchanged:
/// for one forward or one backward pass of a node.
/// </summary>
internal class PreparedRightOperand(Tensor b)
{
    public Tensor Tensor { get; } = b;
}

namespace Sharpgrad.Backends;

/// <summary>
/// A right operand b [k, n] of many matrix products, prepared once by <see cref="Backend.PrepareRight"/> and passed to
/// <see cref="Backend.MatMul(Tensor, Tensor, PreparedRightOperand, bool)"/> instead of b: an LSTM's W_hh, multiplied
/// by each step's state (issue #12), or LogisticRegression's X and Xᵀ, multiplied in every evaluation of its objective
/// (issue #21). What a backend prepares is its own (the CPU backend packs b's GEMM panels once); the default keeps b as
/// it is. It reflects b's values when prepared, so it lives no longer than b stays unchanged: one forward or one
/// backward pass of an LSTM node, or a whole fit (X is the caller's training data, which the fit does not write).
/// Disposing it at the end hands what the backend prepared back to the buffer pool (the CPU backend drops arrays too
/// large to be worth keeping, <see cref="Cpu.CpuPackedRight{T}.PoolShareDenominator"/>); a product with it after that is
/// a clear error, never a read of a reused array.
/// </summary>
internal class PreparedRightOperand(Tensor b) : IDisposable
{
    private bool disposed;

    public Tensor Tensor => disposed
        ? throw new ObjectDisposedException(nameof(PreparedRightOperand),
            $"MatMul with a prepared right operand: b [{string.Join(", ", b.shape)}] was used after its pass ended (disposed).")
        : b;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Release();
    }

    /// <summary>Frees what the backend prepared; runs once, when the operand is disposed.</summary>
    protected virtual void Release() { }
}

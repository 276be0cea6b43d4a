namespace Sharpgrad;

/// <summary>
/// Mixed-precision regions (GBC §12.1.6 on low-precision arithmetic; Micikevicius et al. 2018; PyTorch's
/// <c>torch.autocast</c>). Inside <c>using (Autocast.To(DType.BFloat16))</c> the matrix products — MatMul, Linear and
/// convolution — cast their float32 operands to the half type, so activations are stored at 2 bytes per element,
/// while the parameters stay float32 "master weights": the cast is differentiable, so each gradient reaches its
/// float32 weight and the optimiser updates in float32. Compute the loss in float32 (<c>logits.Float()</c>), as
/// autocast does for its float32 list, and with float16 scale it with <see cref="Optim.GradScaler"/>.
/// </summary>
/// <example>
/// <code>
/// using (Autocast.To(DType.BFloat16))
///     loss = Losses.CrossEntropy(model.Forward(x).Float(), y);
/// loss.Backward();
/// </code>
/// </example>
public static class Autocast
{
    private static readonly AsyncLocal<DType?> current = new();

    // Regions open anywhere in the process. MatMul, Linear and convolution ask on every call whether to cast; while no
    // region is open (nearly always) this counter answers without reading the AsyncLocal.
    private static int openRegions;

    /// <summary>The half type of the innermost open region, or null outside any.</summary>
    public static DType? Current => current.Value;

    /// <summary>Casts the float32 operands of matrix products to <paramref name="dtype"/> (float16 or bfloat16) until disposed.</summary>
    public static IDisposable To(DType dtype)
    {
        if (!dtype.IsHalf())
            throw new ArgumentException($"Autocast.To: expected float16 or bfloat16, got {dtype.Name()}.");
        return new Region(dtype);
    }

    /// <summary>
    /// Turns an open region off until disposed, for the float32 computation inside a half op, which must not cast back;
    /// null (nothing to undo) when no region is open.
    /// </summary>
    internal static IDisposable? Suspended() => IsOpen ? new Region(null) : null;

    private static bool IsOpen => Volatile.Read(ref openRegions) > 0 && current.Value is not null;

    /// <summary>Whether a region is open and some operand of a matrix product is float32, to be cast.</summary>
    internal static bool Applies(Tensor a, Tensor b, Tensor? c = null)
        => IsOpen && (a.DType == DType.Float32 || b.DType == DType.Float32 || c?.DType == DType.Float32);

    /// <summary>The operands of a matrix product as the open region wants them: float32 ones cast to its half type.</summary>
    internal static Tensor? Cast(Tensor? x) => current.Value is { } half && x is { DType: DType.Float32 } ? x.To(half) : x;

    private sealed class Region : IDisposable
    {
        private readonly DType? outer = current.Value;
        private bool disposed;

        public Region(DType? dtype)
        {
            current.Value = dtype;
            Interlocked.Increment(ref openRegions);
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            current.Value = outer;
            Interlocked.Decrement(ref openRegions);
        }
    }
}

namespace Sharpgrad;

/// <summary>
/// The non-elementwise ops that compute on float16/bfloat16 do it as PyTorch's CPU kernels for the half types do:
/// widen the operands (exactly: every half value is a float32), compute in float32, and round the result once to the
/// operands' type. A sum, a matrix product or a convolution therefore accumulates in float32, as half GEMMs do on
/// every hardware. The autograd graph goes through the two conversions, so gradients come back in the half type.
/// </summary>
internal static class HalfPrecision
{
    /// <summary>Whether <paramref name="x"/> is half and every other floating operand has its dtype (the ops' own checks reject the rest).</summary>
    public static bool Applies(Tensor x, Tensor? other = null, Tensor? third = null)
        => x.DType.IsHalf() && (other is null || other.DType == x.DType) && (third is null || third.DType == x.DType);

    public static Tensor Compute(Tensor x, Func<Tensor, Tensor> op) => Compute(x, op, static (w, f) => f(w));

    /// <summary>
    /// <see cref="Compute(Tensor, Func{Tensor, Tensor})"/> with the op's arguments passed as <paramref name="state"/> to
    /// a static lambda: a lambda capturing the calling op's parameters would make the op allocate its closure with an
    /// extra field on every call, half or not (C# creates a method's closure on entry), for hot ops such as Sum.
    /// </summary>
    public static Tensor Compute<TState>(Tensor x, TState state, Func<Tensor, TState, Tensor> op)
    {
        Tensor result;
        using (Autocast.Suspended()) result = op(Wide(x), state);
        return result.To(x.DType);
    }

    public static Tensor Compute(Tensor a, Tensor b, Func<Tensor, Tensor, Tensor> op) => Compute(a, b, null, (x, y, _) => op(x, y));

    /// <summary>The float32 computation runs with <see cref="Autocast"/> suspended, which would otherwise cast its operands back.</summary>
    public static Tensor Compute(Tensor a, Tensor b, Tensor? c, Func<Tensor, Tensor, Tensor?, Tensor> op)
        => ComputeWithOptional(a, b, c, (x, y, z) => op(x, y!, z));

    /// <summary>As above for ops whose other operands are both optional (a normalisation's weight and bias).</summary>
    public static Tensor ComputeWithOptional(Tensor a, Tensor? b, Tensor? c, Func<Tensor, Tensor?, Tensor?, Tensor> op)
    {
        Tensor result;
        using (Autocast.Suspended()) result = op(Wide(a), b is null ? null : Wide(b), c is null ? null : Wide(c));
        return result.To(a.DType);
    }

    private static Tensor Wide(Tensor x) => x.To(DType.Float32);
}

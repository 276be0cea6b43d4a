namespace Sharpgrad;

// Linear interpolation and clamping between tensor bounds. Both are evaluated with existing elementwise ops while
// not recording, then recorded as one node with PyTorch's gradient, so the graph holds one op each.
public sealed partial class Tensor
{
    /// <summary>this + weight·(end − this), broadcasting; ∂/∂this = 1 − w, ∂/∂end = w.</summary>
    public Tensor Lerp(Tensor end, double weight) => Lerp(end, Scalar(weight, DType));

    /// <summary>
    /// this + weight·(end − this) with broadcasting over all three, evaluated as PyTorch does: for |w| &lt; ½ as
    /// start + w·(end − start), else end − (end − start)·(1 − w), so that w = 1 gives end exactly.
    /// ∂/∂start = 1 − w, ∂/∂end = w, ∂/∂w = end − start.
    /// </summary>
    public Tensor Lerp(Tensor end, Tensor weight)
    {
        if (!DType.IsFloatingPoint() || end.DType != DType || weight.DType != DType)
            throw new ArgumentException(
                $"Lerp: start, end and weight must share a floating-point dtype, got {DType.Name()}, {end.DType.Name()} and {weight.DType.Name()}.");
        Tensor y;
        using (Autograd.NoGrad())
        {
            var difference = end - this;
            y = Where(weight.Abs().Lt(0.5), this + weight * difference, end - difference * (1 - weight));
        }
        return y.Record("Lerp", [this, end, weight], g =>
        [
            (g * (1 - weight)).SumTo(shape),
            (g * weight).SumTo(end.shape),
            weight.RequiresGrad ? (g * (end - this)).SumTo(weight.shape) : null,
        ]);
    }

    /// <summary>
    /// min(max(x, min), max) with tensor bounds, broadcasting over all three (either bound may be null, not both).
    /// Where min &gt; max the result is max, as in PyTorch. Gradients as PyTorch's: to x where min ≤ x ≤ max, to min
    /// where x &lt; min &lt; max, to max where x &gt; max or max &lt; min.
    /// </summary>
    public Tensor Clamp(Tensor? min = null, Tensor? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("Clamp: at least one of min and max must be given, got neither.");
        Tensor y;
        using (Autograd.NoGrad())
        {
            y = min is null ? this : Maximum(min);
            if (max is not null) y = y.Minimum(max);
        }
        Tensor[] bounds = [.. new[] { min, max }.OfType<Tensor>()];
        return y.Record("Clamp", [this, .. bounds], g =>
        {
            var zero = ZerosLike(g);
            var inside = min is null ? Le(max!) : max is null ? Ge(min) : BothTrue(Ge(min), Le(max));
            var grads = new List<Tensor?> { Where(inside, g, zero).SumTo(shape) };
            if (min is not null)
                grads.Add(Where(max is null ? Lt(min) : BothTrue(Lt(min), min.Lt(max)), g, zero).SumTo(min.shape));
            if (max is not null)
                grads.Add(Where(min is null ? Gt(max) : EitherTrue(Gt(max), max.Lt(min)), g, zero).SumTo(max.shape));
            return [.. grads];
        });
    }

    private static Tensor BothTrue(Tensor a, Tensor b) => Elementwise.Where(a, b, a);

    private static Tensor EitherTrue(Tensor a, Tensor b) => Elementwise.Where(a, a, b);
}

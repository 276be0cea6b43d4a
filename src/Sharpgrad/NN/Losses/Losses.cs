namespace Sharpgrad.NN;

/// <summary>
/// Loss functions, like the losses of torch.nn.functional (GBC §6.2: cost functions as negative log-likelihoods).
/// Each is composed from differentiable tensor ops, so the gradient comes from autograd; each one's file states its
/// formula. All follow PyTorch's semantics, including reductions, class weights and their edge cases.
/// </summary>
public static partial class Losses
{
    /// <summary>Applies <paramref name="reduction"/> to elementwise losses.</summary>
    private static Tensor Reduce(Tensor loss, Reduction reduction, string op) => reduction switch
    {
        Reduction.None => loss,
        Reduction.Sum => loss.Sum(),
        Reduction.Mean => loss.Mean(),
        Reduction.BatchMean => throw new ArgumentException($"{op}: reduction BatchMean is only defined for KLDiv; use Mean, Sum or None."),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"{op}: unknown reduction."),
    };

    /// <summary>
    /// Applies <paramref name="reduction"/> to per-example losses that carry weights: Mean is the weighted mean
    /// Σℓᵢ / Σwᵢ (ℓᵢ already includes its weight wᵢ), which is PyTorch's rule for class-weighted NLL and cross-entropy.
    /// </summary>
    private static Tensor ReduceWeighted(Tensor loss, Tensor weights, Reduction reduction, string op)
        => reduction == Reduction.Mean ? loss.Sum() / weights.Sum() : Reduce(loss, reduction, op);

    /// <summary>Regression and divergence losses compare tensors elementwise, so they insist on identical shapes.</summary>
    private static void CheckSameShape(Tensor input, Tensor target, string op)
    {
        if (!input.Shape.AsSpan().SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"{op}: input shape {input.ShapeText} and target shape {target.ShapeText} must be equal.");
    }

    private static void CheckFloat(Tensor input, string what, string op)
    {
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: {what} must be float32 or float64, got {input.DType.Name()}.");
    }
}

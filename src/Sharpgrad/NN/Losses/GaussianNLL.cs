namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Negative log-likelihood of a Gaussian target with predicted mean and variance (Nix &amp; Weigend 1994; GBC §6.2.1.1):
    /// ½(log σ² + (x − t)²/σ²), plus ½·log 2π when <paramref name="full"/>. The variance has the input's shape, or one
    /// value per example as the input's shape without its last dim or with a last dim of 1 (PyTorch's rules). Variances
    /// below <paramref name="eps"/> are raised to it for stability, and, as in PyTorch, the gradient passes that clamp
    /// unchanged.
    /// </summary>
    public static Tensor GaussianNLL(Tensor input, Tensor target, Tensor variance, bool full = false, double eps = 1e-6,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "GaussianNLL";
        CheckFloat(input, "the input", op);
        CheckSameShape(input, target, op);
        if (!variance.Shape.AsSpan().SequenceEqual(input.Shape))
        {
            var batch = input.Rank == 0 ? [] : input.Shape[..^1];
            if (variance.Shape.AsSpan().SequenceEqual(batch)) variance = variance.Unsqueeze(-1);
            else if (variance.Rank == 0 || !variance.Shape[..^1].AsSpan().SequenceEqual(batch) || variance.Size(-1) != 1)
                throw new ArgumentException(
                    $"{op}: the variance must have the input's shape {input.ShapeText}, or {ShapeUtil.Format(batch)} or [{string.Join(", ", batch.Append(1))}] (one per example), got {variance.ShapeText}.");
        }
        if (variance.Lt(0).Any())
            throw new ArgumentException($"{op}: the variance has negative entries.");
        // Straight-through clamp: the value is max(σ², ε) exactly, the derivative that of σ² itself.
        var clamped = variance.Detach().Clamp(min: eps) + (variance - variance.Detach());
        var loss = 0.5 * (clamped.Log() + (input - target).Square() / clamped);
        if (full) loss = loss + 0.5 * Math.Log(2 * Math.PI);
        return Reduce(loss, reduction, op);
    }
}

namespace Sharpgrad.Optim;

/// <summary>
/// Gradient clipping (GBC §10.11.1), applied to the parameters' <see cref="Tensor.Grad"/> in place between
/// Backward and Step. Exploding gradients — cliffs in the loss surface of deep or recurrent networks — would
/// throw the parameters far away in one step; clipping bounds the step while (for the norm version) keeping its
/// direction. Parameters without a gradient are left alone.
/// </summary>
public static class ClipGradients
{
    /// <summary>
    /// Rescales all gradients together so that their total norm is at most <paramref name="maxNorm"/>:
    /// if ‖g‖ &gt; v then g ← g·v/‖g‖, where ‖g‖ is the norm of all gradients concatenated, like
    /// torch.nn.utils.clip_grad_norm_. Returns the total norm before clipping (useful to log).
    /// Unlike PyTorch, which scales by v/(‖g‖ + 1e-6), the clipped gradient has norm exactly v, as in the book.
    /// </summary>
    /// <param name="normType">p of the p-norm (2 by default; <see cref="double.PositiveInfinity"/> for the max-norm).</param>
    /// <param name="errorIfNonfinite">Throw when the total norm is NaN or infinite instead of leaving the gradients as they are
    /// (they are never scaled by a non-finite factor; see <see cref="NonFiniteGradientGuard"/> for what to do then).</param>
    public static double ByNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
    {
        if (!(maxNorm >= 0) || double.IsPositiveInfinity(maxNorm))
            throw new ArgumentException($"ClipGradients.ByNorm: maxNorm must be finite and ≥ 0, got {maxNorm}.");
        if (!(normType > 0))
            throw new ArgumentException($"ClipGradients.ByNorm: normType must be positive (or +∞), got {normType}.");
        var grads = Gradients(parameters);
        if (grads.Count == 0) return 0;

        // ‖g‖ₚ of the concatenation, from each tensor's own norm: (Σ‖gᵢ‖ₚᵖ)^(1/p), or max ‖gᵢ‖∞.
        var norms = grads.Select(g => g.Norm(normType).Item()).ToList();
        double total = double.IsPositiveInfinity(normType)
            ? norms.Max()
            : Math.Pow(norms.Sum(n => Math.Pow(n, normType)), 1 / normType);
        if (!double.IsFinite(total))
        {
            if (errorIfNonfinite)
                throw new InvalidOperationException($"ClipGradients.ByNorm: the total {normType}-norm of the gradients of {grads.Count} parameter(s) " +
                                                    $"is {total}; some gradient holds NaN or ±∞.");
            return total;
        }
        if (total > maxNorm)
        {
            using var noGrad = Autograd.NoGrad();
            foreach (var g in grads) g.MulInPlace(maxNorm / total);
        }
        return total;
    }

    /// <summary>
    /// Clamps every gradient element to [−clipValue, clipValue] (torch.nn.utils.clip_grad_value_). Cheaper than
    /// norm clipping, but it changes the gradient's direction (GBC §10.11.1).
    /// </summary>
    public static void ByValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        if (!(clipValue >= 0))
            throw new ArgumentException($"ClipGradients.ByValue: clipValue must be ≥ 0, got {clipValue}.");
        using var noGrad = Autograd.NoGrad();
        foreach (var g in Gradients(parameters)) g.CopyFrom(g.Clamp(-clipValue, clipValue));
    }

    private static List<Tensor> Gradients(IEnumerable<Tensor> parameters) =>
        parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
}

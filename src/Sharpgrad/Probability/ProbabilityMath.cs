namespace Sharpgrad.Probability;

/// <summary>Small numerical helpers shared by the distributions and divergences.</summary>
internal static class ProbabilityMath
{
    /// <summary>
    /// x · log y with the convention 0 · log 0 = 0 (GBC §3.13), like torch.xlogy. Only where both are 0 is the
    /// logarithm taken of 1 instead, so neither the value nor the gradient becomes NaN. Elsewhere the gradient is
    /// exact: ∂/∂x = log y even at x = 0 (torch.xlogy returns 0 there, which drops the log y term from, e.g., the
    /// gradient of a Gamma log-density w.r.t. a concentration of exactly 1).
    /// </summary>
    public static Tensor XLogY(Tensor x, Tensor y)
    {
        var bothZero = (x.Eq(0).Long() * y.Eq(0).Long()).Bool();
        return x * Tensor.Where(bothZero, 1, y).Log();
    }

    /// <summary>
    /// Probabilities clamped to [ε, 1 − ε] before taking logits, as PyTorch's clamp_probs: a probability of exactly
    /// 0 or 1 then gives a large finite logit rather than ±∞.
    /// </summary>
    public static Tensor ClampProbs(Tensor probs)
    {
        double eps = FloatLimits.Epsilon(probs.DType);
        return probs.Clamp(eps, 1 - eps);
    }

    /// <summary>log-odds log p − log(1 − p) of a Bernoulli probability.</summary>
    public static Tensor BinaryLogits(Tensor probs)
    {
        var p = ClampProbs(probs);
        return p.Log() - (-p).Log1p();
    }

    /// <summary>Appends size-1 dims until <paramref name="t"/> has <paramref name="rank"/> dims, so it broadcasts from the left.</summary>
    public static Tensor AlignLeft(Tensor t, int rank) => t.Rank >= rank ? t : t.Reshape([.. t.Shape, .. Enumerable.Repeat(1, rank - t.Rank)]);
}

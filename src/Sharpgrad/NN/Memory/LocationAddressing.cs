namespace Sharpgrad.NN.Memory;

/// <summary>
/// The NTM's location-based addressing (Graves et al. 2014 §3.3.2, eqs. 7–9; GBC §10.12): after content addressing,
/// a head interpolates with its previous weighting, rotates the result by a soft circular shift, and sharpens it.
/// Every function takes a batch of heads, weightings [B, H, N], and works on all cells at once.
/// </summary>
public static class LocationAddressing
{
    /// <summary>Eq. 7: w_g = g·w_c + (1 − g)·w_{t−1}, with the gate g [B, H] in [0, 1] (g = 1 ignores the previous weighting).</summary>
    public static Tensor Interpolate(Tensor content, Tensor previous, Tensor gate)
    {
        const string module = "LocationAddressing.Interpolate";
        MemoryChecks.Rank(module, "content weighting", content, 3, "[batch, heads, cells]");
        MemoryChecks.Shape(module, "previous weighting", previous, content.Shape.ToArray(), "[batch, heads, cells]");
        MemoryChecks.Shape(module, "gate", gate, content.Shape.Slice(0, 2), "[batch, heads]");
        var g = gate.Unsqueeze(-1);
        return g * content + (1 - g) * previous;
    }

    /// <summary>
    /// Eq. 8, the circular convolution w̃_i = Σ_j w_j·s_{(i−j) mod N}, with the shift distribution s [B, H, 2S + 1] over
    /// the shifts −S … S (index k is a shift by k − S: mass at cell j moves to cell j + k − S, wrapping around). It is a
    /// weighted sum of the 2S + 1 rolled weightings (a loop over shifts, not cells).
    /// </summary>
    public static Tensor Shift(Tensor weighting, Tensor shift)
    {
        const string module = "LocationAddressing.Shift";
        MemoryChecks.Rank(module, "weighting", weighting, 3, "[batch, heads, cells]");
        MemoryChecks.Shape(module, "shift distribution", shift, [weighting.Shape[0], weighting.Shape[1], -1], "[batch, heads, 2S + 1]");
        int width = shift.Shape[2];
        if (width % 2 == 0)
            throw new ArgumentException($"{module}: the shift distribution must have an odd width 2S + 1 (shifts −S … S), got shape {shift.Shape}.");
        int range = width / 2;
        var rolled = Enumerable.Range(-range, width).Select(offset => weighting.Roll(offset, dim: -1)).ToArray();
        return (Tensor.Stack(rolled, dim: -2) * shift.Unsqueeze(-1)).Sum(-2);
    }

    /// <summary>
    /// Eq. 9: w_i = w̃_i^γ / Σ_j w̃_j^γ with γ [B, H] ≥ 1, which undoes the blur of a fractional shift.
    /// <para>
    /// Computed as (w̃_i / m)^γ / Σ_j (w̃_j / m)^γ with m = max_j w̃_j (detached): the same value, since the formula does
    /// not change when w̃ is scaled, but the largest term is exactly 1, so the denominator is at least 1 and never
    /// underflows. Unscaled, a nearly uniform weighting over 128 cells with γ = 20 gives 128⁻²⁰ ≈ 10⁻⁴², below float32's
    /// range, and 0/0 = NaN; the reference implementations' guard, Σ + 10⁻¹⁶ (pytorch-ntm), returns an all-zero
    /// weighting there instead, a head that reads nothing. No ε is needed: w̃ sums to 1, so m ≥ 1/N &gt; 0.
    /// </para>
    /// </summary>
    public static Tensor Sharpen(Tensor weighting, Tensor gamma)
    {
        const string module = "LocationAddressing.Sharpen";
        MemoryChecks.Rank(module, "weighting", weighting, 3, "[batch, heads, cells]");
        MemoryChecks.Shape(module, "gamma", gamma, weighting.Shape.Slice(0, 2), "[batch, heads]");
        var scaled = weighting / weighting.Amax(-1, keepdim: true).Detach();
        var powered = scaled.Pow(gamma.Unsqueeze(-1));
        return powered / powered.Sum(-1, keepdim: true);
    }
}

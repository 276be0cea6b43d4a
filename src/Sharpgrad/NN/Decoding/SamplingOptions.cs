namespace Sharpgrad.NN;

/// <summary>
/// How <see cref="TokenSampling"/> turns logits into the distribution a token is drawn from, applied in this order
/// (Hugging Face's order): divide by the <see cref="Temperature"/>, keep the <see cref="TopK"/> most probable tokens,
/// then keep the smallest set of most probable tokens whose probability reaches <see cref="TopP"/> (nucleus sampling,
/// Holtzman et al. 2020), renormalising after each cut.
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>T in softmax(z/T): below 1 sharpens, above 1 flattens; 0 is the limit T → 0, the argmax (greedy).</summary>
    public double Temperature { get; }

    /// <summary>Keep only the k most probable tokens (ties at the cut: the lower index); null keeps all.</summary>
    public int? TopK { get; }

    /// <summary>Keep the most probable tokens until their total probability reaches p (at least one); null or 1 keeps all.</summary>
    public double? TopP { get; }

    public SamplingOptions(double temperature = 1, int? topK = null, double? topP = null)
    {
        if (!(temperature >= 0) || double.IsPositiveInfinity(temperature))
            throw new ArgumentException($"SamplingOptions: temperature must be finite and ≥ 0, got {temperature}.", nameof(temperature));
        if (topK < 1) throw new ArgumentException($"SamplingOptions: topK must be at least 1, got {topK}.", nameof(topK));
        if (topP is double p && !(p > 0 && p <= 1)) throw new ArgumentException($"SamplingOptions: topP must lie in (0, 1], got {p}.", nameof(topP));
        (Temperature, TopK, TopP) = (temperature, topK, topP);
    }
}

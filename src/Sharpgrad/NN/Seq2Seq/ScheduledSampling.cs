namespace Sharpgrad.NN;

/// <summary>
/// The schedules of Bengio et al. 2015 (§2.4, "Scheduled sampling for sequence prediction with recurrent neural
/// networks") for εᵢ, the probability of feeding the decoder the true previous token at training step i; the
/// probability of feeding its own sample is 1 − εᵢ (<see cref="AttentionSeq2Seq.Unroll"/>'s samplingProbability). Each
/// starts near teacher forcing (GBC §10.2.1) and moves towards free running, so the model learns to recover from its
/// own mistakes, which at test time it must.
/// </summary>
public static class ScheduledSampling
{
    /// <summary>Linear decay εᵢ = max(ε, k − c·i).</summary>
    public static double Linear(int step, double k = 1, double c = 1e-3, double minimum = 0)
    {
        CheckStep(step);
        return Math.Max(minimum, k - c * step);
    }

    /// <summary>Exponential decay εᵢ = kⁱ, 0 &lt; k &lt; 1.</summary>
    public static double Exponential(int step, double k)
    {
        CheckStep(step);
        if (!(k is > 0 and < 1)) throw new ArgumentException($"ScheduledSampling.Exponential: k must lie in (0, 1), got {k}.", nameof(k));
        return Math.Pow(k, step);
    }

    /// <summary>Inverse sigmoid decay εᵢ = k/(k + exp(i/k)), k ≥ 1: flat at first, then falling, centred near i = k·ln k.</summary>
    public static double InverseSigmoid(int step, double k)
    {
        CheckStep(step);
        if (!(k >= 1) || double.IsPositiveInfinity(k)) throw new ArgumentException($"ScheduledSampling.InverseSigmoid: k must be finite and ≥ 1, got {k}.", nameof(k));
        return k / (k + Math.Exp(step / k));
    }

    private static void CheckStep(int step)
    {
        if (step < 0) throw new ArgumentException($"ScheduledSampling: the training step must be ≥ 0, got {step}.", nameof(step));
    }
}

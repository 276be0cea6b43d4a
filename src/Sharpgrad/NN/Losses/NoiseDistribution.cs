using Sharpgrad.Text;

namespace Sharpgrad.NN;

/// <summary>
/// The proposal q over the classes of a softmax layer from which <see cref="Losses.Nce"/> and
/// <see cref="Losses.SampledSoftmax"/> draw their noise classes (GBC §12.4.3.3, §18.6): typically the training
/// unigram distribution raised to 3/4 (Mikolov et al. 2013), or uniform. Draws use <see cref="NoiseSampler"/>'s alias
/// table, so each costs O(1) whatever the number of classes; log q is kept as a tensor once, so a loss reads only the
/// entries of the targets and of the samples.
/// </summary>
public sealed class NoiseDistribution
{
    private readonly NoiseSampler sampler;

    /// <summary>q(i) = <paramref name="sampler"/>'s probabilities (counts^power normalised).</summary>
    public NoiseDistribution(NoiseSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        this.sampler = sampler;
        // log 0 = −∞ marks classes that are never drawn; a loss refuses such a class as a target (SampledLogits).
        LogProbabilities = Tensor.From([.. sampler.Probabilities.Select(p => Math.Log(p))]);
    }

    /// <summary>The smoothed unigram distribution q(i) ∝ counts[i]^power (power 3/4 by default).</summary>
    public static NoiseDistribution Unigram(IReadOnlyList<long> counts, double power = 0.75) => new(new NoiseSampler(counts, power));

    /// <summary>q(i) = 1/classes.</summary>
    public static NoiseDistribution Uniform(int classes)
    {
        if (classes < 1) throw new ArgumentException($"NoiseDistribution.Uniform: expected at least one class, got {classes}.", nameof(classes));
        return new(new NoiseSampler(Enumerable.Repeat(1L, classes).ToArray(), power: 1));
    }

    /// <summary>The number of classes V.</summary>
    public int Count => sampler.Count;

    /// <summary>q(i), exactly as drawn from.</summary>
    public IReadOnlyList<double> Probabilities => sampler.Probabilities;

    /// <summary>log q(i) as a float64 tensor [V] (−∞ where q is 0).</summary>
    public Tensor LogProbabilities { get; }

    /// <summary>
    /// <paramref name="count"/> classes drawn independently, with replacement, from q; one set shared by every example
    /// of a batch (as TensorFlow's candidate samplers do), so the noise logits are one [B, d]·[d, k] product.
    /// </summary>
    public SampledClasses Draw(int count, Generator generator)
    {
        if (count < 1) throw new ArgumentException($"NoiseDistribution.Draw: expected at least one sample, got {count}.", nameof(count));
        ArgumentNullException.ThrowIfNull(generator);
        var classes = sampler.Sample(count, generator);
        return new SampledClasses(Tensor.From([.. classes.Select(c => (long)c)]), this);
    }
}

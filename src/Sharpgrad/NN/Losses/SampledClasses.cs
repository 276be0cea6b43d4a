namespace Sharpgrad.NN;

/// <summary>
/// The k noise classes that a sampled loss scores besides each example's target, drawn with replacement from
/// <paramref name="Noise"/> (<see cref="NoiseDistribution.Draw"/>, or given by hand in a test). k·q(w) is the expected
/// number of times class w appears among them, the count both <see cref="Losses.Nce"/> and
/// <see cref="Losses.SampledSoftmax"/> correct their logits by.
/// </summary>
/// <param name="Classes">int64 class indices [k], shared by all the examples of a batch</param>
/// <param name="Noise">the distribution q they were drawn from</param>
public sealed record SampledClasses(Tensor Classes, NoiseDistribution Noise)
{
    /// <summary>k, the number of samples (repeats included).</summary>
    public int Count => Classes.Count;
}

namespace Sharpgrad.NN;

/// <summary>
/// How a softmax output layer (a <see cref="Linear"/>(d, V) read by a cross-entropy) is trained: by the full softmax,
/// whose cost grows with V, or by one of its sampled stand-ins, which read only the targets' and k sampled rows
/// (GBC §12.4.3): <see cref="Losses.Nce"/> or <see cref="Losses.SampledSoftmax"/>. Evaluation always uses the full
/// softmax; only training changes. A model takes one of these and calls <see cref="Loss"/>, so the choice is one argument.
/// </summary>
public sealed class SoftmaxTraining
{
    private readonly NoiseDistribution? noise;
    private readonly int samples;
    private readonly Kind kind;

    private enum Kind
    {
        Full,
        Nce,
        Sampled,
    }

    private SoftmaxTraining(Kind kind, NoiseDistribution? noise, int samples)
    {
        if (kind != Kind.Full)
        {
            ArgumentNullException.ThrowIfNull(noise);
            if (samples < 1) throw new ArgumentException($"SoftmaxTraining: expected at least one noise sample, got {samples}.", nameof(samples));
        }
        (this.kind, this.noise, this.samples) = (kind, noise, samples);
    }

    /// <summary>The exact cross-entropy over all V classes.</summary>
    public static SoftmaxTraining Full { get; } = new(Kind.Full, null, 0);

    /// <summary>NCE against <paramref name="samples"/> classes drawn from <paramref name="noise"/> per batch.</summary>
    public static SoftmaxTraining Nce(NoiseDistribution noise, int samples) => new(Kind.Nce, noise, samples);

    /// <summary>The sampled softmax over each target and <paramref name="samples"/> classes drawn from <paramref name="noise"/> per batch.</summary>
    public static SoftmaxTraining SampledSoftmax(NoiseDistribution noise, int samples) => new(Kind.Sampled, noise, samples);

    /// <summary>"full softmax", "NCE (k = 64)" or "sampled softmax (k = 64)".</summary>
    public override string ToString() => kind switch
    {
        Kind.Full => "full softmax",
        Kind.Nce => $"NCE (k = {samples})",
        _ => $"sampled softmax (k = {samples})",
    };

    /// <summary>
    /// The mean training loss of hidden states [B, d] with int64 targets [B] through <paramref name="output"/>; the noise
    /// classes, when any, are drawn from <paramref name="generator"/>.
    /// </summary>
    public Tensor Loss(Tensor hidden, Linear output, Tensor targets, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (kind == Kind.Full) return Losses.CrossEntropy(output.Forward(hidden), targets);
        var bias = output.Bias ?? throw new ArgumentException($"SoftmaxTraining: {this} needs an output layer with a bias, got Linear without one.");
        var drawn = noise!.Draw(samples, generator);
        return kind == Kind.Nce
            ? Losses.Nce(hidden, output.Weight, bias, targets, drawn)
            : Losses.SampledSoftmax(hidden, output.Weight, bias, targets, drawn);
    }
}

namespace Sharpgrad.Regularization;

/// <summary>
/// Ω(h) = α·‖h‖₁ per example, averaged over the batch (GBC §7.10, eq. 7.48; the sparse autoencoder of §14.2.1 with a
/// Laplace prior): it pushes most activations to exactly zero, so each input is represented by few active units.
/// The batch mean keeps α independent of the batch size, as the loss is a batch mean too (Keras does the same).
/// </summary>
public sealed class L1ActivationPenalty : IActivationPenalty
{
    public L1ActivationPenalty(double alpha)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"L1ActivationPenalty: alpha must be finite and ≥ 0, got {alpha}.");
        Alpha = alpha;
    }

    public double Alpha { get; }

    public Tensor Compute(Tensor activations)
    {
        if (activations.Rank < 1)
            throw new ArgumentException($"L1ActivationPenalty: expected activations [N, ...] with a batch dim, got a scalar.");
        return activations.Abs().Sum() * (Alpha / activations.Size(0));
    }

    public override string ToString() => $"L1ActivationPenalty(alpha={Alpha})";
}

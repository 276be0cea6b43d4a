namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// A batch of an algorithmic sequence task (Graves et al. 2014 §4): inputs [T, B, in], binary targets [T, B, out] and a
/// mask [T, B] that is 1 on the answer steps. Only answer steps count in the loss and the bit error.
/// </summary>
public sealed record SequenceBatch(Tensor Input, Tensor Target, Tensor Mask) : ISequenceTaskBatch
{
    /// <summary>
    /// Binary cross-entropy of the output logits [T, B, out] against the targets, summed over the answer steps' bits and
    /// divided by the number of answer steps times out: the mean loss per answer bit.
    /// </summary>
    public Tensor Loss(Tensor logits)
    {
        CheckLogits(logits);
        var perBit = Losses.BCEWithLogits(logits, Target, reduction: Reduction.None);
        return (perBit * Mask.Unsqueeze(-1)).Sum() / (Mask.Sum() * Target.Shape[2]);
    }

    /// <summary>Wrong bits per sequence on the answer steps (a bit is read as 1 where its logit is positive), averaged over the batch.</summary>
    public double BitErrors(Tensor logits)
    {
        CheckLogits(logits);
        using var _ = Autograd.NoGrad();
        var wrong = logits.Gt(0).To(Target.DType).Sub(Target).Abs() * Mask.Unsqueeze(-1);
        return wrong.Sum().Item() / Target.Shape[1];
    }

    private void CheckLogits(Tensor logits)
    {
        if (!logits.Shape.Equals(Target.Shape))
            throw new ArgumentException($"SequenceBatch: the output logits must have the targets' shape [steps, batch, outputs] = {Target.Shape}, got {logits.Shape}.");
    }
}

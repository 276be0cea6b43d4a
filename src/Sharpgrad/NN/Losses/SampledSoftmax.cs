namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// The sampled (importance-sampled) softmax (GBC §12.4.3.3; Bengio &amp; Senécal 2008; Jean et al. 2015): the
    /// cross-entropy of a softmax over each example's target and k classes drawn from q only, every logit corrected
    /// by −log(k·q(w)):
    /// <code>ℓᵢ = −log [ e^{Δ(yᵢ)} / (e^{Δ(yᵢ)} + Σⱼ e^{Δ(ŵⱼ)}) ],   Δ(w) = w_wᵀh + b_w − log(k·q(w))</code>
    /// Σⱼ e^{s(ŵⱼ)}/(k·q(ŵⱼ)) is an importance-sampling estimate of the partition function Σ_w e^{s(w)}, so the
    /// gradient is a self-normalised importance-sampling estimate of the full softmax's: biased for finite k, but
    /// consistent as k grows. With <paramref name="removeAccidentalHits"/> (TensorFlow's sampled_softmax_loss default)
    /// a sample equal to the example's own target is masked to −∞, so the target is not counted twice. With every
    /// class sampled once under a uniform q, k·q = 1 and the loss is exactly the full softmax cross-entropy.
    /// The forward reads only the B + k rows involved (<see cref="SampledLogits"/>).
    /// </summary>
    /// <param name="hidden">the layer's inputs h [B, d]</param>
    /// <param name="weight">the output weight [V, d] (a Linear(d, V)'s weight)</param>
    /// <param name="bias">the output bias [V]</param>
    /// <param name="targets">int64 classes [B]</param>
    /// <param name="samples">k classes drawn from q, shared by the batch (<see cref="NoiseDistribution.Draw"/>)</param>
    /// <param name="removeAccidentalHits">mask samples that equal the example's target</param>
    /// <param name="reduction">Mean (over the B examples), Sum or None ([B])</param>
    public static Tensor SampledSoftmax(Tensor hidden, Tensor weight, Tensor bias, Tensor targets, SampledClasses samples,
        bool removeAccidentalHits = true, Reduction reduction = Reduction.Mean)
    {
        const string op = "SampledSoftmax";
        var (trueLogits, sampledLogits) = SampledLogits(hidden, weight, bias, targets, samples, op);
        if (removeAccidentalHits)
            sampledLogits = sampledLogits.MaskedFill(targets.Unsqueeze(1).Eq(samples.Classes.To(targets.Device).Unsqueeze(0)), double.NegativeInfinity);
        // The target sits in column 0 of every row.
        var logits = Tensor.Cat([trueLogits.Unsqueeze(1), sampledLogits], 1);
        var loss = CrossEntropy(logits, Tensor.Zeros([targets.Count], DType.Int64).To(targets.Device), reduction: Reduction.None);
        return Reduce(loss, reduction, op);
    }
}

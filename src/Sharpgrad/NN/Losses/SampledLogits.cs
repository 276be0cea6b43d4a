namespace Sharpgrad.NN;

// The part NCE and the sampled softmax share: scores of the targets and of the sampled classes only, never of the whole vocabulary.
public static partial class Losses
{
    /// <summary>
    /// The corrected logits of a sampled loss for hidden states h [B, d], an output layer weight [V, d] and bias [V]
    /// (a <see cref="Linear"/>(d, V)'s parameters), targets y [B] and k sampled classes S:
    /// <list type="bullet">
    /// <item>True [B]: s(yᵢ) − log(k·q(yᵢ)), with s(w) = w_wᵀhᵢ + b_w;</item>
    /// <item>Sampled [B, k]: s(ŵⱼ) − log(k·q(ŵⱼ)) for every example i and sample j.</item>
    /// </list>
    /// Only the B + k referenced rows of the weight are gathered, and the sampled scores are one [B, d]·[d, k] product,
    /// so the cost is O((B + k)·d) and does not grow with V (GBC §12.4.3.3). Subtracting log(k·q) is NCE's log-odds
    /// against noise (Gutmann &amp; Hyvärinen 2010) and, in the sampled softmax, the importance weight 1/(k·q) of the
    /// proposal (Bengio &amp; Senécal 2008; Jean et al. 2015).
    /// </summary>
    private static (Tensor True, Tensor Sampled) SampledLogits(Tensor hidden, Tensor weight, Tensor bias, Tensor targets, SampledClasses samples, string op)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckSampledShapes(hidden, weight, bias, targets, samples, op);
        int classes = weight.Size(0);
        CheckLabelRange(targets, classes, null, op);
        var sampled = samples.Classes.To(hidden.Device);
        CheckLabelRange(sampled, classes, null, op);

        // log(k·q(w)), gathered from the float64 table before any conversion, so no step touches all V entries.
        double logK = Math.Log(sampled.Count);
        var table = samples.Noise.LogProbabilities;
        Tensor LogExpectedCount(Tensor classes) => (table.IndexSelect(0, classes.To(table.Device)) + logK).To(hidden.DType).To(hidden.Device);
        var trueLogExpected = LogExpectedCount(targets);
        CheckDrawable(targets, trueLogExpected, "target", op);
        var sampledLogExpected = LogExpectedCount(sampled);
        CheckDrawable(sampled, sampledLogExpected, "sampled", op);

        var trueScores = (hidden * weight.IndexSelect(0, targets)).Sum(1) + bias.IndexSelect(0, targets);
        var sampledScores = hidden.MatMul(weight.IndexSelect(0, sampled).Transpose(0, 1)) + bias.IndexSelect(0, sampled);
        return (trueScores - trueLogExpected, sampledScores - sampledLogExpected);
    }

    private static void CheckSampledShapes(Tensor hidden, Tensor weight, Tensor bias, Tensor targets, SampledClasses samples, string op)
    {
        CheckFloat(hidden, "hidden", op);
        if (hidden.Rank != 2)
            throw new ArgumentException($"{op}: hidden must be 2-D [batch, dim], got shape {hidden.ShapeText}.");
        if (weight.Rank != 2 || weight.Size(1) != hidden.Size(1))
            throw new ArgumentException($"{op}: weight must be [classes, {hidden.Size(1)}] to score hidden {hidden.ShapeText}, got {weight.ShapeText}.");
        if (weight.DType != hidden.DType || bias.DType != hidden.DType)
            throw new ArgumentException($"{op}: hidden, weight and bias must share a dtype, got {hidden.DType.Name()}, {weight.DType.Name()} and {bias.DType.Name()}.");
        if (bias.Rank != 1 || bias.Size(0) != weight.Size(0))
            throw new ArgumentException($"{op}: bias must be [{weight.Size(0)}] (one per class of weight {weight.ShapeText}), got {bias.ShapeText}.");
        if (targets.DType != DType.Int64 || targets.Rank != 1 || targets.Size(0) != hidden.Size(0))
            throw new ArgumentException($"{op}: targets must be int64 [{hidden.Size(0)}] (one class per row of hidden), got {targets.DType.Name()} {targets.ShapeText}.");
        if (samples.Classes.DType != DType.Int64 || samples.Classes.Rank != 1 || samples.Classes.Count == 0)
            throw new ArgumentException($"{op}: the sampled classes must be a non-empty int64 vector [k], got {samples.Classes.DType.Name()} {samples.Classes.ShapeText}.");
        if (samples.Noise.Count != weight.Size(0))
            throw new ArgumentException($"{op}: the noise distribution covers {samples.Noise.Count} classes but weight {weight.ShapeText} has {weight.Size(0)}.");
    }

    /// <summary>
    /// A class that q can never draw has log(k·q) = −∞: its corrected logit would be +∞ and the loss NaN. A target must
    /// be drawable; so must a sample, which matters only for samples built by hand rather than drawn from q.
    /// </summary>
    private static void CheckDrawable(Tensor classes, Tensor logExpected, string role, string op)
    {
        Tensor impossible;
        using (Autograd.NoGrad()) impossible = logExpected.IsInf();
        if (!impossible.Any()) return;
        long c = classes.MaskedSelect(impossible)[0].Item<long>();
        throw new ArgumentException($"{op}: {role} class {c} has noise probability q = 0; the proposal must give every {role} class some probability.");
    }
}

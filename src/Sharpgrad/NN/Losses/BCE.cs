namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Binary cross-entropy of probabilities p ∈ [0, 1] against targets t: −w·[t·log p + (1 − t)·log(1 − p)], the
    /// negative log-likelihood of a Bernoulli output unit (GBC §6.2.2.2). Each log is clamped to ≥ −100 as in PyTorch,
    /// so p = 0 or 1 gives a large finite loss. Prefer <see cref="BCEWithLogits"/> on logits: it is exact where σ saturates.
    /// </summary>
    /// <param name="weight">optional rescaling, broadcast against the input</param>
    public static Tensor BCE(Tensor probs, Tensor targets, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        const string op = "BCE";
        CheckFloat(probs, "probabilities", op);
        CheckSameShape(probs, targets, op);
        var (lowest, highest) = probs.Count == 0 ? (0.0, 0.0) : (probs.Detach().Min().Item(), probs.Detach().Max().Item());
        if (lowest < 0 || highest > 1)
            throw new ArgumentException(
                $"{op}: probabilities must lie in [0, 1], got values in [{lowest}, {highest}]; for logits use BCEWithLogits.");
        var loss = -(targets * ClampedLog(probs) + (1 - targets) * ClampedLog(1 - probs));
        return Reduce(weight is null ? loss : loss * weight, reduction, op);
    }

    /// <summary>
    /// Binary cross-entropy on logits x: −w·[pw·t·log σ(x) + (1 − t)·log(1 − σ(x))], computed as
    /// w·[(1 − t)·x + (1 + (pw − 1)·t)·ζ(−x)] with the softplus ζ, which never overflows (GBC §6.2.2.2, eq. 6.23).
    /// The gradient is w·[(1 + (pw − 1)t)·σ(x) − pw·t].
    /// </summary>
    /// <param name="posWeight">optional weight of positive examples, broadcast along the last dim (one per class), to trade recall for precision</param>
    /// <param name="weight">optional rescaling, broadcast against the input</param>
    public static Tensor BCEWithLogits(Tensor logits, Tensor targets, Tensor? posWeight = null, Tensor? weight = null,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "BCEWithLogits";
        CheckFloat(logits, "logits", op);
        CheckSameShape(logits, targets, op);
        var negativeLogSigmoid = (-logits).Softplus();                  // −log σ(x) = ζ(−x)
        var positiveFactor = posWeight is null ? null : (posWeight - 1) * targets + 1;
        var loss = (1 - targets) * logits + (positiveFactor is null ? negativeLogSigmoid : positiveFactor * negativeLogSigmoid);
        return Reduce(weight is null ? loss : loss * weight, reduction, op);
    }

    /// <summary>
    /// max(log x, −100), with a zero gradient where clamped. Log sees 1 instead of 0 so that its backward (g/x) is
    /// not 0/0 = NaN in the unselected branch.
    /// </summary>
    private static Tensor ClampedLog(Tensor x)
    {
        var positive = x.Gt(0);
        var logOfSafe = Tensor.Where(positive, x, 1.0).Log();
        return Tensor.Where(positive, logOfSafe, -100.0).Clamp(min: -100);
    }
}

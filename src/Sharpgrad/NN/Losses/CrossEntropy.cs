namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Cross-entropy between the softmax of <paramref name="logits"/> [N, C] (or [N, C, d1, ...]) and int64 class
    /// <paramref name="labels"/> [N] (or [N, d1, ...]): ℓᵢ = −log softmax(zᵢ)_{yᵢ} (GBC §6.2.2.3). It is computed as NLL of
    /// LogSoftmax, never log(softmax), so it stays finite for any logits; its gradient is softmax(z) − onehot(y).
    /// </summary>
    /// <param name="weight">optional per-class weights [C]; Mean then divides by the summed weights of the targets</param>
    /// <param name="labelSmoothing">
    /// ε ∈ [0, 1]: the target becomes (1 − ε)·onehot(y) + ε/C (GBC §7.5.1, Szegedy et al. 2016), i.e.
    /// ℓᵢ = (1 − ε)·w_{yᵢ}·(−log p_{yᵢ}) + (ε/C)·Σ_c w_c·(−log p_c). With weights, Mean divides both terms by Σ w_{yᵢ}, as PyTorch does.
    /// </param>
    /// <param name="ignoreIndex">labels with this value contribute nothing and are not counted in the mean</param>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels, Tensor? weight = null, double labelSmoothing = 0,
        Reduction reduction = Reduction.Mean, long ignoreIndex = -100)
    {
        const string op = "CrossEntropy";
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"{op}: labelSmoothing must be in [0, 1], got {labelSmoothing}.");
        var (rows, flatLabels, labelShape) = ClassRows(logits, labels, op);
        var logProbs = rows.LogSoftmax(1);
        var (loss, targetWeights, counted) = NegativeLogLikelihood(logProbs, flatLabels, weight, ignoreIndex, op);
        if (labelSmoothing > 0)
        {
            int classes = rows.Size(1);
            var weighted = weight is null ? logProbs : logProbs * weight;
            var uniformTerm = -weighted.Sum(1) * counted;
            loss = loss * (1 - labelSmoothing) + uniformTerm * (labelSmoothing / classes);
        }
        return ReducePerLabel(loss, targetWeights, labelShape, reduction, op);
    }
}

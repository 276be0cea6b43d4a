namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Negative log-likelihood of int64 <paramref name="labels"/> under log-probabilities [N, C] (or [N, C, d1, ...]):
    /// ℓᵢ = −w_{yᵢ}·log p(yᵢ | xᵢ) (GBC §6.2.1.1, eq. 6.12). Labels equal to <paramref name="ignoreIndex"/> contribute
    /// nothing. Mean divides by Σ w_{yᵢ} over counted examples (the count of them without weights), as PyTorch does.
    /// </summary>
    public static Tensor NLL(Tensor logProbs, Tensor labels, Tensor? weight = null, Reduction reduction = Reduction.Mean,
        long ignoreIndex = -100)
    {
        const string op = "NLL";
        var (rows, flatLabels, labelShape) = ClassRows(logProbs, labels, op);
        var (loss, targetWeights, _) = NegativeLogLikelihood(rows, flatLabels, weight, ignoreIndex, op);
        return ReducePerLabel(loss, targetWeights, labelShape, reduction, op);
    }

    /// <summary>
    /// Per row: ℓᵢ = −w_{yᵢ}·logp[i, yᵢ], the weight w_{yᵢ} of its target (0 when ignored) and the mask of counted rows.
    /// Shared by <see cref="NLL"/> and <see cref="CrossEntropy"/>.
    /// </summary>
    private static (Tensor Loss, Tensor TargetWeights, Tensor Counted) NegativeLogLikelihood(
        Tensor logProbRows, Tensor labels, Tensor? weight, long ignoreIndex, string op)
    {
        int classes = logProbRows.Size(1);
        CheckLabelRange(labels, classes, ignoreIndex, op);
        CheckClassWeights(weight, classes, op);
        var ignored = labels.Eq(ignoreIndex);
        var safeLabels = Tensor.Where(ignored, 0, labels);      // any valid index: these rows are masked out below
        var counted = labels.Ne(ignoreIndex).To(logProbRows.DType);
        var targetWeights = weight is null ? counted : weight.Gather(0, safeLabels) * counted;
        var picked = logProbRows.Gather(1, safeLabels.Unsqueeze(1)).Squeeze(1);
        return (-(picked * targetWeights), targetWeights, counted);
    }
}

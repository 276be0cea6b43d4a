namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Multiclass hinge loss (Weston &amp; Watkins 1999; Crammer–Singer style margins as in torch's multi_margin_loss):
    /// ℓᵢ = (w_{yᵢ}/C)·Σ_{j≠yᵢ} max(0, margin − x[yᵢ] + x[j])ᵖ for p ∈ {1, 2}. Zero once the true class's score beats
    /// every other by the margin. Mean is the plain average over examples, even with weights (PyTorch's rule).
    /// </summary>
    public static Tensor MultiMarginLoss(Tensor logits, Tensor labels, int p = 1, double margin = 1, Tensor? weight = null,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "MultiMarginLoss";
        if (p is not (1 or 2)) throw new ArgumentException($"{op}: only p = 1 and p = 2 are supported, got {p}.");
        var (rows, flatLabels, labelShape) = ClassRows(logits, labels, op);
        int classes = rows.Size(1);
        CheckLabelRange(flatLabels, classes, ignoreIndex: null, op);
        CheckClassWeights(weight, classes, op);

        var targetScore = rows.Gather(1, flatLabels.Unsqueeze(1));                  // [M, 1]
        var violation = (rows - targetScore + margin).Relu();                        // hinge; 0 has gradient 0
        if (p == 2) violation = violation.Square();
        var otherClasses = 1 - Tensor.OneHot(flatLabels, classes, rows.DType);       // the j = y term is excluded
        var loss = (violation * otherClasses).Sum(1) / classes;
        if (weight is not null) loss = loss * weight.Gather(0, flatLabels);
        return reduction == Reduction.None ? loss.Reshape(labelShape) : Reduce(loss, reduction, op);
    }
}

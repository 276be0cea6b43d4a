namespace Sharpgrad.NN;

// Shared checks and reshaping for the losses that take integer class labels (NLL, CrossEntropy, MultiMargin).
public static partial class Losses
{
    /// <summary>
    /// Validates scores [N, C, d1, ...] (or [C] for one example) against int64 labels [N, d1, ...] (or a scalar) and
    /// flattens them to rows [M, C] and labels [M], M = N·d1·…, so each loss is written once for the 2-D case.
    /// The returned shape is the labels' shape, into which Reduction.None results are folded back.
    /// </summary>
    private static (Tensor Rows, Tensor Labels, int[] LabelShape) ClassRows(Tensor scores, Tensor labels, string op)
    {
        CheckFloat(scores, "the input scores", op);
        if (labels.DType != DType.Int64)
            throw new ArgumentException(
                $"{op}: expected labels of dtype int64 (class indices), got {labels.DType.Name()}. Convert them with labels.Long().");
        if (scores.Rank == 0)
            throw new ArgumentException($"{op}: the input must have a class dimension, got a 0-d tensor.");

        // The labels' shape is the scores' shape without the class dim (dim 1, or dim 0 for a single example).
        int[] shape = scores.Shape;
        int classDim = scores.Rank == 1 ? 0 : 1;
        int classes = shape[classDim];
        var labelShape = shape.Where((_, d) => d != classDim).ToArray();
        if (!labels.Shape.AsSpan().SequenceEqual(labelShape))
            throw new ArgumentException(
                $"{op}: input of shape {scores.ShapeText} needs labels of shape {ShapeUtil.Format(labelShape)}, got {labels.ShapeText}.");

        var rows = scores.Rank switch
        {
            1 => scores.Unsqueeze(0),
            2 => scores,
            // [N, C, d1, ...] → [N, d1, ..., C] → [M, C]: every spatial position is one example.
            _ => scores.Permute([0, .. Enumerable.Range(2, scores.Rank - 2), 1]).Reshape(-1, classes),
        };
        return (rows, labels.Reshape(-1), labelShape);
    }

    /// <summary>
    /// Every label must name a class in [0, C), except those equal to <paramref name="ignoreIndex"/>; returns how many
    /// labels are counted (not ignored). One backend pass that returns three numbers: a handful of tensor ops on the
    /// labels cost more than the check.
    /// </summary>
    private static int CheckLabelRange(Tensor labels, int classes, long? ignoreIndex, string op)
    {
        if (labels.Count == 0) return 0;
        var values = labels.Contiguous();
        var (lowest, highest, counted) = values.Backend.ClassLabelRange(values, ignoreIndex);
        if (lowest >= 0 && highest < classes) return counted;
        var ignoreNote = ignoreIndex is { } i ? $" (or equal ignoreIndex {i})" : "";
        throw new ArgumentException(
            $"{op}: label {(lowest < 0 ? lowest : highest)} is out of range for {classes} classes; labels must be in [0, {classes}){ignoreNote}.");
    }

    /// <summary>Class weights must give one non-negative factor per class: a 1-D float tensor of length C.</summary>
    private static void CheckClassWeights(Tensor? weight, int classes, string op)
    {
        if (weight is null) return;
        CheckFloat(weight, "class weights", op);
        if (weight.Rank != 1 || weight.Size(0) != classes)
            throw new ArgumentException($"{op}: class weights must have shape [{classes}] (one per class), got {weight.ShapeText}.");
    }

    /// <summary>Reduction.None gives one loss per label, in the labels' shape; the others reduce with the target weights.</summary>
    private static Tensor ReducePerLabel(Tensor loss, Tensor targetWeights, int[] labelShape, Reduction reduction, string op)
        => reduction == Reduction.None ? loss.Reshape(labelShape) : ReduceWeighted(loss, targetWeights, reduction, op);
}

using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad;

/// <summary>Classification metrics over logits or over a whole dataset.</summary>
public static class Metrics
{
    /// <summary>The fraction of rows whose largest logit is at the label.</summary>
    public static double Accuracy(Tensor logits, Tensor labels)
    {
        if (labels.Rank == 1 && labels.Count == 0) throw new ArgumentException("Accuracy: no examples.");
        return CorrectCount(logits, labels) is { } correct
            ? (double)correct / labels.Count
            : throw new ArgumentException($"Accuracy: expected logits [N, C] and int64 labels [N], got {logits.ShapeText} and {labels.ShapeText} ({labels.DType.Name()}).");
    }

    /// <summary>
    /// How many rows of class scores [N, C] have their largest score at the int64 label [N]; null when the tensors
    /// are not class scores and labels (regression outputs, one-hot targets), so callers can skip accuracy.
    /// </summary>
    internal static long? CorrectCount(Tensor scores, Tensor labels)
    {
        if (scores.Rank != 2 || labels.Rank != 1 || labels.DType != DType.Int64 || scores.Size(0) != labels.Size(0)) return null;
        return scores.ArgMax(1).Eq(labels).Long().Sum().Item<long>();
    }

    /// <summary>The model's accuracy on <paramref name="data"/>, evaluated in eval mode without recording.</summary>
    public static double Accuracy(Module<Tensor, Tensor> model, Dataset data, int batchSize = 512) => Evaluate(model, data, batchSize).Accuracy;

    /// <summary>
    /// Mean cross-entropy and accuracy of <paramref name="model"/> on <paramref name="data"/>. The model is put in
    /// eval mode (dropout off) for the pass and returned to its previous mode afterwards.
    /// </summary>
    public static (double Loss, double Accuracy) Evaluate(Module<Tensor, Tensor> model, Dataset data, int batchSize = 512)
    {
        var result = Trainer.Evaluate(model, (logits, labels) => Losses.CrossEntropy(logits, labels), data, batchSize);
        return (result.Loss, result.Accuracy);
    }
}

using Sharpgrad.Data;
using Sharpgrad.NN;

namespace Sharpgrad;

/// <summary>Classification metrics over logits or over a whole dataset.</summary>
public static class Metrics
{
    /// <summary>The fraction of rows whose largest logit is at the label.</summary>
    public static double Accuracy(Tensor logits, Tensor labels)
    {
        if (logits.Rank != 2 || labels.Rank != 1 || logits.Size(0) != labels.Size(0))
            throw new ArgumentException($"Accuracy: expected logits [N, C] and labels [N], got {logits.ShapeText} and {labels.ShapeText}.");
        if (labels.Count == 0) throw new ArgumentException("Accuracy: no examples.");
        return logits.ArgMax(1).Eq(labels).Long().Sum().Item() / labels.Count;
    }

    /// <summary>The model's accuracy on <paramref name="data"/>, evaluated in eval mode without recording.</summary>
    public static double Accuracy(Module model, Dataset data, int batchSize = 512) => Evaluate(model, data, batchSize).Accuracy;

    /// <summary>
    /// Mean cross-entropy and accuracy of <paramref name="model"/> on <paramref name="data"/>. The model is put in
    /// eval mode (dropout off) for the pass and returned to its previous mode afterwards.
    /// </summary>
    public static (double Loss, double Accuracy) Evaluate(Module model, Dataset data, int batchSize = 512)
    {
        if (data.Count == 0) throw new ArgumentException("Evaluate: the dataset is empty.");
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = Autograd.NoGrad();
            double lossSum = 0, correct = 0;
            foreach (var (x, y) in new DataLoader(data, batchSize))
            {
                var logits = model.Forward(x);
                lossSum += Losses.CrossEntropy(logits, y, reduction: Reduction.Sum).Item();
                correct += logits.ArgMax(1).Eq(y).Long().Sum().Item();
            }
            return (lossSum / data.Count, correct / data.Count);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}

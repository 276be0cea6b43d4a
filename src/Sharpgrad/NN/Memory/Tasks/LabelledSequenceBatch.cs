namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// A batch of a sequence task whose answers are classes (a node of a graph, a symbol): inputs [T, B, in] and int64
/// labels [T, B] holding the class on the answer steps and <see cref="NotAnswered"/> elsewhere. Only answer steps count
/// in the loss and in the accuracies.
/// </summary>
public sealed record LabelledSequenceBatch(Tensor Input, Tensor Labels) : ISequenceTaskBatch
{
    /// <summary>The label of a step with no answer (PyTorch's default <c>ignore_index</c>).</summary>
    public const long NotAnswered = -100;

    /// <summary>Cross-entropy of the logits [T, B, classes] over the answer steps (mean per answer step).</summary>
    public Tensor Loss(Tensor logits)
    {
        CheckLogits(logits);
        return Losses.CrossEntropy(logits.Reshape(-1, logits.Shape[2]), Labels.Flatten(), ignoreIndex: NotAnswered);
    }

    /// <summary>The fraction of answer steps whose most likely class is the label.</summary>
    public double StepAccuracy(Tensor logits)
    {
        var (right, answered) = Count(logits);
        return (double)right.Sum() / answered.Sum();
    }

    /// <summary>The fraction of sequences with every answer step right (a whole path, a whole sorted list).</summary>
    public double SequenceAccuracy(Tensor logits)
    {
        var (right, answered) = Count(logits);
        return right.Zip(answered).Count(p => p.First == p.Second) / (double)right.Length;
    }

    /// <summary>Per sequence: the answer steps predicted right, and the answer steps.</summary>
    private (int[] Right, int[] Answered) Count(Tensor logits)
    {
        CheckLogits(logits);
        long[] predicted, labels;
        using (Autograd.NoGrad()) (predicted, labels) = (logits.ArgMax(-1).ToArray<long>(), Labels.ToArray<long>());
        int batch = Labels.Shape[1];
        var (right, answered) = (new int[batch], new int[batch]);
        for (int k = 0; k < labels.Length; k++)
        {
            if (labels[k] == NotAnswered) continue;
            answered[k % batch]++;
            if (predicted[k] == labels[k]) right[k % batch]++;
        }
        return (right, answered);
    }

    private void CheckLogits(Tensor logits)
    {
        if (logits.Rank != 3 || logits.Shape[0] != Labels.Shape[0] || logits.Shape[1] != Labels.Shape[1])
            throw new ArgumentException(
                $"LabelledSequenceBatch: the logits must be [steps, batch, classes] = [{Labels.Shape[0]}, {Labels.Shape[1]}, any], got {logits.Shape}.");
    }
}

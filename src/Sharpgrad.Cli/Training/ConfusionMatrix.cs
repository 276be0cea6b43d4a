using Sharpgrad.Data;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The confusion matrix of a classifier on a data set: entry [i, j] counts the examples of true class i that the
/// model predicts as class j (its largest logit), as in scikit-learn's <c>confusion_matrix</c>. The diagonal holds
/// the correct predictions; a large off-diagonal entry names a pair of classes the model mixes up.
/// </summary>
public static class ConfusionMatrix
{
    /// <summary>
    /// The int64 [classes, classes] counts of <paramref name="model"/> on <paramref name="data"/>, computed in eval mode
    /// without recording (the model's mode is restored afterwards).
    /// </summary>
    public static Tensor Of(Module<Tensor, Tensor> model, Dataset data, int classes, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        // EvalScope restores each submodule's own mode (Train(wasTraining) would unfreeze a BatchNorm the user froze).
        using (model.EvalScope())
        {
            using var _ = Autograd.NoGrad();
            var counts = Tensor.Zeros([classes * classes], DType.Int64);
            foreach (var (inputs, labels) in new DataLoader(data, batchSize))
            {
                var predicted = model.Forward(inputs).ArgMax(1);
                // Cell (label, predicted) of the flattened matrix, counted with a one-hot sum rather than a loop.
                var cell = labels * classes + predicted;
                counts = counts + Tensor.OneHot(cell, classes * classes).Sum(0);
            }
            return counts.View(classes, classes);
        }
    }
}

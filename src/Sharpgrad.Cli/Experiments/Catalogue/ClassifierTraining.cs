using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The plain minibatch loop the experiments share when the training itself is not what they study (GBC Alg. 8.1 with
/// Adam's update): a minibatch loss (cross-entropy unless given), a fresh shuffle per epoch seeded from (seed, epoch),
/// zero, backward, step. Leaves the model in eval mode.
/// </summary>
internal static class ClassifierTraining
{
    /// <param name="loss">the loss of a minibatch from the logits and the batch's targets; null is cross-entropy</param>
    public static void TrainWithAdam(Module<Tensor, Tensor> model, Dataset train, int epochs, double lr, int batchSize, int seed,
        Func<Tensor, Tensor, Tensor>? loss = null)
    {
        loss ??= (logits, targets) => Losses.CrossEntropy(logits, targets);
        var optimizer = new Adam(model.Parameters(), lr: lr);
        model.Train();
        for (int epoch = 0; epoch < epochs; epoch++)
            foreach (var (x, y) in new DataLoader(train, batchSize: batchSize, shuffle: true, seed: seed * 1000 + epoch))
            {
                var value = loss(model.Forward(x), y);
                optimizer.ZeroGrad();
                value.Backward();
                optimizer.Step();
            }
        model.Eval();
    }
}

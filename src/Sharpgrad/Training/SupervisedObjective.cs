using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>The ordinary objective J(θ) = mean over the batch of L(f(x; θ), y) (GBC §5.9, §8.1).</summary>
public sealed class SupervisedObjective(Func<Tensor, Tensor, Tensor> lossFunction) : ITrainingObjective
{
    public Func<Tensor, Tensor, Tensor> LossFunction { get; } = lossFunction ?? throw new ArgumentNullException(nameof(lossFunction));

    public (Tensor Loss, Tensor Output) Compute(Module<Tensor, Tensor> model, Tensor input, Tensor target)
    {
        var output = model.Forward(input);
        return (LossFunction(output, target), output);
    }
}

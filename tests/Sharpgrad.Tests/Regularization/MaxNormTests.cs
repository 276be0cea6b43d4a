using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Tests.Training;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Regularization;

/// <summary>The max-norm constraint, GBC §7.2: a projection after each step, per output unit.</summary>
public class MaxNormTests
{
    [Fact]
    public void ProjectionCapsEachUnitsNormAndKeepsItsDirection()
    {
        var layer = new Linear(2, 3, generator: new Generator(1));
        using (Autograd.NoGrad())
            layer.Weight.CopyFrom(Tensor.From(new float[,] { { 0.3f, 0.4f }, { 3f, 4f }, { 0f, 0f } })); // row norms 0.5, 5, 0
        var biasBefore = layer.Bias!.ToArray<float>();

        new MaxNormConstraint(2).Apply(layer);

        var w = layer.Weight.ToArray<float>();
        Assert.Equal([0.3f, 0.4f], w[..2]);                       // inside the ball: untouched
        Assert.Equal(1.2f, w[2], 6);                              // (3, 4)·2/5: norm 2, same direction
        Assert.Equal(1.6f, w[3], 6);
        Assert.Equal([0f, 0f], w[4..]);                           // a zero unit stays zero (no 0/0)
        Assert.Equal(biasBefore, layer.Bias.ToArray<float>());    // biases are not constrained
    }

    [Fact]
    public void DuringTrainingNoUnitEverExceedsTheBound()
    {
        const double c = 0.5;
        var model = SmallProblems.Mlp(seed: 3);
        var worst = 0.0;
        var check = new LambdaCallback
        {
            BatchEnd = ctx => worst = Math.Max(worst, ((Linear)((Sequential)ctx.Model)[0]).Weight.Norm(2, [1]).Max().Item()),
        };
        // A large learning rate, which the constraint is meant to make safe (GBC §7.2, Hinton et al. 2012).
        new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 2, momentum: 0.9),
            SmallProblems.Blobs(40, seed: 1), epochs: 3, batchSize: 10, callbacks: [new MaxNormConstraint(c), check]);

        Assert.InRange(worst, c - 0.1, c + 1e-6); // it is reached, and never exceeded after a step
    }

    [Fact]
    public void SelectingBiasesIsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MaxNormConstraint(1, ParameterSelection.All).Apply(new Linear(2, 2)));
        Assert.Contains("'bias'", error.Message);
        Assert.Contains("rank ≥ 2", error.Message);
    }
}

using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

/// <summary>Evaluation switches a model to eval mode and back without unfreezing a part the user froze.</summary>
public class ModePreservationTests
{
    [Fact]
    public void EvaluateKeepsAFrozenSubmoduleInEvalMode()
    {
        var frozen = new Dropout(0.5);
        var model = new Sequential(new Linear(4, 3, generator: new Generator(0)), frozen);
        model.Train();
        frozen.Eval();
        var data = new Sharpgrad.Data.TensorDataset(Tensor.Randn([6, 4], DType.Float32, new Generator(1)), Tensor.FromArray(new long[] { 0, 1, 2, 0, 1, 2 }));

        Trainer.Evaluate(model, (z, y) => Losses.CrossEntropy(z, y), data);

        Assert.True(model.IsTraining);
        Assert.True(model[0].IsTraining);
        Assert.False(frozen.IsTraining);
    }
}

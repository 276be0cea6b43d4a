using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// End to end: convolution, batch norm, pooling and their backward passes train a small CNN on 8×8 digits
/// (BOOKS.md §6: CLS Fig. 3.20's network, with batch norm after the convolution).
/// </summary>
public class CnnTrainingTests
{
    [Fact]
    public void SmallCnnLearnsDigits()
    {
        var digits = Datasets.Digits(images: true);
        var order = new Generator(0).Permutation(digits.Count);
        var train = new Subset(digits, order[..400]);
        var test = new Subset(digits, order[400..800]);
        var g = new Generator(1);
        var model = new Sequential(
            new Conv2d(1, 4, 3, padding: "same", bias: false, generator: g), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(64, 32, generator: g), new ReLU(), new Linear(32, 10, generator: g));
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        double before = Metrics.Evaluate(model.Eval(), test).Loss;
        model.Train();
        for (int epoch = 0; epoch < 15; epoch++)
            foreach (var (x, y) in new DataLoader(train, batchSize: 40, shuffle: true, seed: epoch))
            {
                var loss = Losses.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
        model.Eval();
        var (after, accuracy) = Metrics.Evaluate(model, test);
        Assert.True(after < before / 5, $"test loss went from {before:F3} to {after:F3}");
        Assert.True(accuracy > 0.88, $"test accuracy {accuracy:P1}");
    }
}

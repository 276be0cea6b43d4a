using Sharpgrad.Data;
using Sharpgrad.Generative;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Flattened images [N, H·W] in [0, 1] with their labels, split for training and testing.</summary>
public sealed record ImageSet(string Name, Tensor Train, Tensor TrainLabels, Tensor Test, Tensor TestLabels, int Height, int Width)
{
    /// <summary>The same images thresholded at ½ (for the Bernoulli models).</summary>
    public ImageSet Binarised() => this with { Name = Name + " (binarised)", Train = Binarisation.Threshold(Train), Test = Binarisation.Threshold(Test) };
}

/// <summary>
/// The generative experiments' data: Fashion-MNIST from Debian's dataset-fashion-mnist (the first
/// <paramref name="trainCount"/> training and <paramref name="testCount"/> test images), or in quick mode the bundled
/// 8×8 digits with their seeded 80/20 split, which tests use.
/// </summary>
public static class GenerativeData
{
    public static ImageSet Load(bool quick, int trainCount = 10000, int testCount = 2000, long seed = 0)
    {
        if (quick)
        {
            var (train, test) = Datasets.Digits().Split(0.8, seed: (int)seed);   // the run's seed picks the split too
            return new ImageSet("digits 8×8", train.Inputs.Double(), train.Targets, test.Inputs.Double(), test.Targets, 8, 8);
        }
        var fashionTrain = Datasets.FashionMnist(train: true);
        var fashionTest = Datasets.FashionMnist(train: false);
        return new ImageSet("Fashion-MNIST",
            fashionTrain.Inputs.Narrow(0, 0, trainCount).Reshape(trainCount, 784).Double(), fashionTrain.Targets.Narrow(0, 0, trainCount),
            fashionTest.Inputs.Narrow(0, 0, testCount).Reshape(testCount, 784).Double(), fashionTest.Targets.Narrow(0, 0, testCount), 28, 28);
    }

    /// <summary>
    /// One epoch of minibatch gradient descent: for each batch from <see cref="Batches"/>, a step of
    /// <paramref name="optimizer"/> on <paramref name="loss"/>(batch).
    /// </summary>
    public static void TrainEpoch(Tensor data, int batchSize, Generator generator, Optim.Optimizer optimizer, Func<Tensor, Tensor> loss)
    {
        foreach (var x in Batches(data, batchSize, generator))
        {
            var value = loss(x);
            optimizer.ZeroGrad();
            value.Backward();
            optimizer.Step();
        }
    }

    /// <summary>Row batches of <paramref name="data"/> in a seeded random order (one epoch).</summary>
    public static IEnumerable<Tensor> Batches(Tensor data, int batchSize, Generator generator)
    {
        var order = Tensor.RandPerm(data.Size(0), generator);
        for (int start = 0; start + batchSize <= data.Size(0); start += batchSize)
            yield return data.IndexSelect(0, order.Narrow(0, start, batchSize));
    }
}

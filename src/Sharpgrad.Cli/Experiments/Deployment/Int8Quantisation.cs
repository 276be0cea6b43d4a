using System.Diagnostics;
using Sharpgrad.Data;
using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Quantized;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The result of <see cref="Int8Quantisation"/>: test accuracy and the time of one pass over the test set, float32 and int8.
/// </summary>
public sealed record Int8QuantisationResult(string Data, string Model, double Float32Accuracy, double Int8Accuracy,
    double Float32Seconds, double Int8Seconds, int CalibrationImages)
{
    /// <summary>int8 minus float32 accuracy.</summary>
    public double AccuracyChange => Int8Accuracy - Float32Accuracy;

    /// <summary>How many times faster the int8 pass is (below 1: slower).</summary>
    public double SpeedUp => Float32Seconds / Int8Seconds;
}

/// <summary>
/// Post-training static quantisation (GBC §12.1.6; Jacob et al. 2018): a CNN trained in float32 is calibrated on a
/// few training batches and converted to int8 (<see cref="Quantization"/>); both are evaluated on the test set, and
/// both are timed on the same pass.
/// </summary>
public static class Int8Quantisation
{
    private const int BatchSize = 64, CalibrationBatches = 10;

    /// <summary>LeNet-5 on Fashion-MNIST (Debian's dataset-fashion-mnist), trained for 3 epochs.</summary>
    public static Int8QuantisationResult FashionMnist(int seed = 0)
        => Run("Fashion-MNIST", "LeNet-5", Datasets.FashionMnist(train: true), Datasets.FashionMnist(train: false),
            ModelZoo.LeNet5(generator: new Generator(seed)), epochs: 3, lr: 1e-3, seed);

    /// <summary>The classification chapter's small CNN on the bundled 8×8 digits: seconds.</summary>
    public static Int8QuantisationResult Digits(int seed = 0)
    {
        var (train, test) = Datasets.Digits(images: true).Split(0.8, seed: 0);
        return Run("digits", "small CNN", train, test, ModelZoo.ClassificationChapterCnn(new Generator(seed)), epochs: 12, lr: 1e-2, seed);
    }

    public static Int8QuantisationResult Run(string data, string name, TensorDataset train, TensorDataset test, Sequential model, int epochs, double lr, int seed)
    {
        ClassifierTraining.TrainWithAdam(model, train, epochs, lr, BatchSize, seed);
        var prepared = Quantization.PrepareStatic(model);
        foreach (var (x, _) in new DataLoader(train, batchSize: BatchSize, shuffle: true, seed: seed).Take(CalibrationBatches)) prepared.Forward(x);
        var int8 = Quantization.Convert(prepared);
        var (float32Accuracy, float32Seconds) = Evaluate(model, test);
        var (int8Accuracy, int8Seconds) = Evaluate(int8, test);
        return new Int8QuantisationResult(data, name, float32Accuracy, int8Accuracy, float32Seconds, int8Seconds,
            Math.Min(train.Count, CalibrationBatches * BatchSize));
    }

    /// <summary>Accuracy over the test set in batches of 64, and the seconds that pass took.</summary>
    private static (double Accuracy, double Seconds) Evaluate(Module<Tensor, Tensor> model, TensorDataset test)
    {
        using var _ = Autograd.NoGrad();
        model.Forward(test.Inputs[TensorIndex.Slice(0, BatchSize)]);   // compile the pass before timing it
        long correct = 0;
        var start = Stopwatch.GetTimestamp();
        foreach (var (x, y) in new DataLoader(test, batchSize: BatchSize))
            correct += model.Forward(x).ArgMax(1).Eq(y).Long().Sum().Item<long>();
        return ((double)correct / test.Count, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}

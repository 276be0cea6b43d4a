using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// Buduma ch5's MNIST network: conv 5×5×32 'same' → ReLU → max pool 2 → conv 5×5×64 'same' → ReLU → max pool 2 →
    /// fc 1024 → ReLU → dropout 0.5 → fc 10. [N, 1, 28, 28] → [N, classes].
    /// </summary>
    /// <remarks>Parameters: 32·25+32 = 832; 64·32·25+64 = 51,264; 7·7·64·1024+1024 = 3,212,288; 1024·10+10 = 10,250; total 3,274,634.</remarks>
    public static Sequential BudumaMnistCnn(int classes = 10, int inChannels = 1, Generator? generator = null)
    {
        CheckPositive("BudumaMnistCnn", (nameof(classes), classes), (nameof(inChannels), inChannels));
        return new Sequential(
            new Conv2d(inChannels, 32, 5, padding: ConvPadding.Same, generator: generator), new ReLU(), new MaxPool2d(2),
            new Conv2d(32, 64, 5, padding: ConvPadding.Same, generator: generator), new ReLU(), new MaxPool2d(2),
            new Flatten(),
            new Linear(7 * 7 * 64, 1024, generator: generator), new ReLU(), new Dropout(0.5),
            new Linear(1024, classes, generator: generator));
    }

    /// <summary>
    /// Buduma ch5's CIFAR-10 network, used to show that batch normalisation (GBC §8.7.1) speeds up training:
    /// two blocks of conv 5×5×64 'same' → [BN] → ReLU → max pool 3×3/2 (padding 1, TensorFlow's 'SAME' pooling),
    /// then fc 384 → [BN] → ReLU → fc 192 → [BN] → ReLU → fc 10. With <paramref name="batchNorm"/> the layers before
    /// a BN have no bias, since BN's β replaces it (PyTorch convention); without, it is the same network with biases.
    /// </summary>
    /// <param name="inputSize">the side of the square input (32 for CIFAR-10, 24 for Buduma's random crops)</param>
    /// <remarks>
    /// With BN at 32×32: conv 64·3·25 + 2·64 = 4928; conv 64·64·25 + 128 = 102,528; fc 4096·384 + 768 = 1,573,632;
    /// fc 384·192 + 384 = 74,112; fc 192·10+10 = 1930; total 1,757,130. Without BN: 1,756,426.
    /// </remarks>
    public static Sequential BudumaCifarCnn(bool batchNorm = true, int classes = 10, int inputSize = 32, int inChannels = 3,
        Generator? generator = null)
    {
        CheckPositive("BudumaCifarCnn", (nameof(classes), classes), (nameof(inputSize), inputSize), (nameof(inChannels), inChannels));
        var model = new Sequential();
        int width = inChannels, side = inputSize;
        for (int block = 0; block < 2; block++)
        {
            model.Add(new Conv2d(width, 64, 5, padding: ConvPadding.Same, bias: !batchNorm, generator: generator));
            if (batchNorm) model.Add(new BatchNorm2d(64));
            model.Add(new ReLU()).Add(new MaxPool2d(3, stride: 2, padding: 1));
            width = 64;
            side = (side - 1) / 2 + 1; // ⌊(s + 2 − 3)/2⌋ + 1 = ⌈s/2⌉
        }
        model.Add(new Flatten());
        int features = width * side * side;
        foreach (var units in (int[])[384, 192])
        {
            model.Add(new Linear(features, units, bias: !batchNorm, generator: generator));
            if (batchNorm) model.Add(new BatchNorm1d(units));
            model.Add(new ReLU());
            features = units;
        }
        return model.Add(new Linear(features, classes, generator: generator));
    }
}

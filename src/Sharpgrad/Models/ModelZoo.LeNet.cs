using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// LeNet-5 (LeCun et al. 1998; GBC §9.10) in its modern form — ReLU and max pooling instead of scaled tanh and
    /// subsampling, a full connection C3 — for 28×28 images, padded to the original 32×32 by the first convolution.
    /// The layer list equals the benchmark's PyTorch reference (bench/pytorch_reference.py), so timings compare like
    /// with like: [N, inChannels, 28, 28] → [N, classes].
    /// </summary>
    /// <remarks>
    /// Parameters for 1 channel and 10 classes: conv1 6·(1·25)+6 = 156; conv2 16·(6·25)+16 = 2416;
    /// fc 400·120+120 = 48,120; 120·84+84 = 10,164; 84·10+10 = 850; total 61,706.
    /// </remarks>
    public static Sequential LeNet5(int classes = 10, int inChannels = 1, Generator? generator = null)
    {
        CheckPositive("LeNet5", (nameof(classes), classes), (nameof(inChannels), inChannels));
        return new Sequential(
            new Conv2d(inChannels, 6, 5, padding: 2, generator: generator), new ReLU(), new MaxPool2d(2),   // 6×28×28 → 6×14×14
            new Conv2d(6, 16, 5, generator: generator), new ReLU(), new MaxPool2d(2),                       // 16×10×10 → 16×5×5
            new Flatten(),
            new Linear(16 * 5 * 5, 120, generator: generator), new ReLU(),
            new Linear(120, 84, generator: generator), new ReLU(),
            new Linear(84, classes, generator: generator));
    }

    /// <summary>
    /// The small CNN that the classification chapter (CLS Fig. 3.20; BOOKS §6) pits against an MLP of about the same
    /// size on 8×8 digits: conv 3×3×4 ('same') → ReLU → max pool 2 → Flatten → 64 → 32 → 10. [N, 1, 8, 8] → [N, 10].
    /// </summary>
    /// <remarks>Parameters: conv 4·9+4 = 40; fc 64·32+32 = 2080; 32·10+10 = 330; total 2450 (the MLP 64→32→10 has 2410).</remarks>
    public static Sequential ClassificationChapterCnn(Generator? generator = null) => new(
        new Conv2d(1, 4, 3, padding: 1, generator: generator), new ReLU(), new MaxPool2d(2),          // 4×8×8 → 4×4×4
        new Flatten(),
        new Linear(4 * 4 * 4, 32, generator: generator), new ReLU(),
        new Linear(32, 10, generator: generator));

    /// <summary>Throws if any named size is below one, naming the model and the offending argument.</summary>
    private static void CheckPositive(string model, params (string Name, int Value)[] sizes)
    {
        foreach (var (name, value) in sizes)
            if (value < 1)
                throw new ArgumentException($"{model}: {name} must be positive, got {value}.");
    }
}

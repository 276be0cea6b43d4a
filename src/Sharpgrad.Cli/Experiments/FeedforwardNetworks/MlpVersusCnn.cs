using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Experiments;

/// <summary>What <see cref="MlpVersusCnn"/> measured: per seed, the test accuracy of each model, and the first seed's CNN filters.</summary>
/// <param name="Mlp">The MLP's test accuracy per seed.</param>
/// <param name="Cnn">The CNN's test accuracy per seed.</param>
/// <param name="Filters">The first seed's learned 3×3 filters, [4, 3, 3].</param>
public sealed record MlpVersusCnnResult(double[] Mlp, double[] Cnn, Tensor Filters, long MlpParameters, long CnnParameters)
{
    /// <summary>|mean MLP accuracy − mean CNN accuracy|.</summary>
    public double Gap => Math.Abs(Mlp.Average() - Cnn.Average());
}

/// <summary>
/// The classification chapter's comparison (CLS Fig. 3.20): on 200 training digits, an MLP 64→32→10 (2410
/// parameters) and a small CNN (conv 3×3×4 → pool → 64→32→10, 2450 parameters, <see cref="ModelZoo.ClassificationChapterCnn"/>)
/// trained with the same recipe (<see cref="ClassificationChapterRecipe"/>) reach about the same test accuracy. On 8×8
/// images there is little spatial structure for the convolution's weight sharing to exploit, so the book's point is
/// that the architectures tie, not that the CNN wins.
/// </summary>
public static class MlpVersusCnn
{
    /// <summary>The chapter's tolerance: the mean accuracies lie within three points.</summary>
    public const double Tolerance = 0.03;

    /// <summary>Trains both models on seeds <paramref name="firstSeed"/>, … (same split and shuffles for both within a seed).</summary>
    public static MlpVersusCnnResult Run(int seeds, int firstSeed = 0)
    {
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), $"MlpVersusCnn: seeds must be at least 1, got {seeds}.");
        var (mlp, cnn) = (new double[seeds], new double[seeds]);
        Tensor? filters = null;
        long mlpParameters = 0, cnnParameters = 0;
        for (int k = 0; k < seeds; k++)
        {
            int seed = firstSeed + k;
            var generator = new Generator(seed);
            var perceptron = new Sequential(new Linear(64, 32, generator: generator), new ReLU(), new Linear(32, 10, generator: generator));
            mlpParameters = perceptron.ParameterCount();
            mlp[k] = ClassificationChapterRecipe.Run(perceptron, seed, trackTestLoss: false).TestAccuracy;

            var convolutional = ModelZoo.ClassificationChapterCnn(new Generator(seed));
            cnnParameters = convolutional.ParameterCount();
            cnn[k] = ClassificationChapterRecipe.Run(convolutional, seed, images: true, trackTestLoss: false).TestAccuracy;
            filters ??= ((ConvNd)convolutional[0]).Weight.Detach().Reshape(4, 3, 3);
        }
        return new MlpVersusCnnResult(mlp, cnn, filters!, mlpParameters, cnnParameters);
    }
}

using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One tree depth: its training and test error.</summary>
public sealed record CapacityPoint(int MaxDepth, int Leaves, double TrainError, double TestError);

/// <summary>
/// Capacity against error (GBC §5.2, Fig. 5.3) with a second kind of capacity next to <see cref="PolynomialFit"/>'s
/// degree: the maximum depth of a CART tree. The task is the disc of <see cref="SvmVersusTree"/> with a fraction
/// <see cref="LabelNoise"/> of the labels flipped, so the Bayes error is that fraction: a shallow tree cannot draw the
/// disc (underfitting), a deep one carves a box around every flipped label (overfitting), and the training error falls
/// to 0 while the test error rises again.
/// </summary>
public static class TreeCapacity
{
    public const int TrainSize = 400, TestSize = 4000, MaxDepth = 14;
    public const double LabelNoise = 0.2;

    public static IReadOnlyList<CapacityPoint> Run(int seed = 0)
    {
        var (trainX, trainY) = Noisy(TrainSize, seed);
        var (testX, testY) = Noisy(TestSize, seed + 1);
        return
        [
            .. Enumerable.Range(1, MaxDepth).Select(depth =>
            {
                var tree = new DecisionTreeClassifier(maxDepth: depth);
                tree.Fit(trainX, trainY);
                return new CapacityPoint(depth, tree.LeafCount, 1 - tree.Score(trainX, trainY), 1 - tree.Score(testX, testY));
            }),
        ];
    }

    /// <summary>Disc labels with each one flipped with probability <see cref="LabelNoise"/>.</summary>
    public static (Tensor X, Tensor Y) Noisy(int n, int seed)
    {
        var generator = new Generator(seed);
        var (x, y) = SvmVersusTree.Sample("disc", n, generator);
        var flip = Tensor.Rand([n], DType.Float64, generator).Lt(LabelNoise).Long();
        return (x, y.Ne(flip).Long());   // y XOR flip
    }
}

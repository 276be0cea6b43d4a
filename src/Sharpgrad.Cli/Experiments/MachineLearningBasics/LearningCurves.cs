namespace Sharpgrad.Cli.Experiments;

/// <summary>Mean train and test MSE of one polynomial degree at one training-set size.</summary>
public sealed record LearningCurvePoint(int Degree, int TrainSize, double TrainMse, double TestMse);

/// <summary>
/// Learning curves (GBC §5.2, Fig. 5.4): train and test error against the number of training examples, for a model of
/// too little capacity (degree 1) and one of about the right capacity (degree 3), on the sin 2πx data with noise
/// σ = 0.2. Training error grows with the training set and test error falls, both approaching the model's best
/// achievable error: the Bayes error σ² for degree 3, a higher asymptote (its bias) for degree 1. Each point is the
/// mean over <see cref="Repeats"/> seeded training sets; the test set is 1000 fixed samples.
/// </summary>
public static class LearningCurves
{
    public const int Repeats = 20, TestSize = 1000;
    public static readonly int[] Degrees = [1, 3];
    public static readonly int[] TrainSizes = [5, 8, 12, 20, 35, 60, 100, 200];

    public static IReadOnlyList<LearningCurvePoint> Run(int seed = 0)
    {
        var testX = SineData.Uniform(TestSize, seed + 1000);
        var testY = SineData.Targets(testX, seed + 1001);
        var points = new List<LearningCurvePoint>();
        foreach (var degree in Degrees)
            foreach (var size in TrainSizes)
            {
                double train = 0, test = 0;
                for (int r = 0; r < Repeats; r++)
                {
                    int runSeed = seed + 10 * r;
                    var x = SineData.Uniform(size, runSeed);
                    var y = SineData.Targets(x, runSeed + 1);
                    var w = SineData.LeastSquares(x, y, degree);
                    train += SineData.Mse(w, x, y) / Repeats;
                    test += SineData.Mse(w, testX, testY) / Repeats;
                }
                points.Add(new LearningCurvePoint(degree, size, train, test));
            }
        return points;
    }
}

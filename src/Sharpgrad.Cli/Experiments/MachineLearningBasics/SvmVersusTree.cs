using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One classifier fitted to one 2-D toy problem: its accuracies, its predictions on a grid, and (for the tree) its leaf count.</summary>
public sealed record DecisionBoundary(string Problem, string Model, double TrainAccuracy, double TestAccuracy, int? Leaves, double[,] GridPredictions);

/// <summary>
/// GBC §5.7.3: a decision tree cuts the input space into axis-aligned boxes, so a diagonal boundary such as
/// [x₂ > x₁] needs a staircase of many splits, while a kernel SVM draws it (and a round boundary) smoothly.
/// Two problems on [0, 1]²: the diagonal, and a disc of radius 0.35 around the centre.
/// </summary>
public static class SvmVersusTree
{
    public const int TrainSize = 300, TestSize = 1000, GridSize = 120;

    public static readonly string[] Problems = ["x2 > x1", "disc"];

    public static IReadOnlyList<DecisionBoundary> Run(int seed = 0)
    {
        var results = new List<DecisionBoundary>();
        foreach (var problem in Problems)
        {
            var (trainX, trainY) = Sample(problem, TrainSize, new Generator(seed));
            var (testX, testY) = Sample(problem, TestSize, new Generator(seed + 1));
            var grid = GridPoints();
            var tree = new DecisionTreeClassifier();
            var svm = new SVC(SvmKernel.Rbf, c: 10);
            foreach (var (name, model, leaves) in new (string, IClassifier, Func<int?>)[]
                     {
                         ("decision tree", tree, () => tree.LeafCount),
                         ("RBF SVM", svm, () => null),
                     })
            {
                model.Fit(trainX, trainY);
                var predictions = model.Predict(grid).Double().Reshape(GridSize, GridSize).ToArray<double>();
                results.Add(new DecisionBoundary(problem, name, model.Score(trainX, trainY), model.Score(testX, testY), leaves(),
                    ToMatrix(predictions)));
            }
        }
        return results;
    }

    /// <summary>Uniform points on [0, 1]² labelled by the problem's rule.</summary>
    public static (Tensor X, Tensor Y) Sample(string problem, int n, Generator generator)
    {
        var x = Tensor.Rand([n, 2], DType.Float64, generator);
        var (x1, x2) = (x[.., 0], x[.., 1]);
        var label = problem switch
        {
            "x2 > x1" => x2.Gt(x1),
            "disc" => ((x1 - 0.5).Square() + (x2 - 0.5).Square()).Lt(0.35 * 0.35),
            _ => throw new ArgumentException($"svm-vs-tree: unknown problem '{problem}'."),
        };
        return (x, label.Long());
    }

    /// <summary>The GridSize × GridSize cell centres of [0, 1]², row-major with x₂ as the row (so a heat map shows x₂ upwards).</summary>
    public static Tensor GridPoints()
    {
        var axis = (Tensor.Arange(0, GridSize, dtype: DType.Float64) + 0.5) / GridSize;
        var x1 = axis.Unsqueeze(0).Expand(GridSize, GridSize);
        var x2 = axis.Unsqueeze(1).Expand(GridSize, GridSize);
        return Tensor.Stack([x1.Reshape(-1), x2.Reshape(-1)], dim: 1);
    }

    private static double[,] ToMatrix(double[] flat)
    {
        var m = new double[GridSize, GridSize];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }
}

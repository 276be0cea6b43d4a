using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// <c>sklearn_knn_predict</c> (s): <see cref="KNeighborsClassifier"/> (k = 5) predicting the 10,000 Fashion-MNIST test
/// images against the 60,000 training images (fit, which only stores them, is outside the timing), and
/// <c>sklearn_knn_accuracy</c>, which must match scikit-learn's.
/// </summary>
public sealed class KNeighborsWorkload : IWorkload
{
    public string Name => "sklearn_knn";

    public void Run(BenchReport report, BenchOptions options)
    {
        var (xTrain, yTrain) = FashionRows.Load(options, train: true);
        var (xTest, yTest) = FashionRows.Load(options, train: false);
        var model = new KNeighborsClassifier(5);
        model.Fit(xTrain, yTrain);
        model.Predict(xTest.Narrow(0, 0, 100));  // warm-up, as the reference
        options.WarmUp(() => model.Predict(xTest.Narrow(0, 0, 100)));
        var predicted = FashionRows.Timed(report, "sklearn_knn_predict", () => model.Predict(xTest));
        report.Write("sklearn_knn_accuracy", predicted.Eq(yTest).Double().Mean().Item(), "fraction");
    }
}

using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// svc (s, the first fit + predict in the process, cold), svc_warm (s, the same again) and svc_accuracy: an RBF <see cref="SVC"/> (C = 1, γ = "scale", tolerance 1e-3) fitted on the first 1,347
/// digits and predicting the last 450, timed together, as bench/sklearn_reference_models.py does with scikit-learn.
/// </summary>
public sealed class SvcWorkload : IWorkload
{
    public const int TrainCount = 1347;

    public string Name => "svc";

    public void Run(BenchReport report, BenchOptions options)
    {
        var (x, y) = DigitsRows.Load();
        var (trainX, trainY) = (x.Narrow(0, 0, TrainCount), y.Narrow(0, 0, TrainCount));
        var (testX, testY) = (x.Narrow(0, TrainCount, x.Size(0) - TrainCount), y.Narrow(0, TrainCount, x.Size(0) - TrainCount));
        var predicted = DigitsRows.TimedColdAndWarm(report, options, Name,
            () => new SVC(SvmKernel.Rbf, c: 1, tolerance: 1e-3).Fit(trainX, trainY).Predict(testX));
        report.Write("svc_accuracy", predicted.Eq(testY).Double().Mean().Item(), "fraction");
    }
}

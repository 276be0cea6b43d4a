using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// logistic_regression (s, the first fit, cold), logistic_regression_warm (s, a second fit), logistic_regression_objective and logistic_regression_accuracy: multinomial
/// <see cref="LogisticRegression"/> by L-BFGS on all 1,797 digits with scikit-learn's defaults translated: C = 1 on the
/// summed loss is α = 1/(C·N) on the mean loss, and its gradient tolerance 1e-4 on the sum is 1e-4/N on the mean;
/// 100 iterations at most. The objective (mean cross-entropy + α/2‖W‖²) is the result both sides must agree on.
/// </summary>
public sealed class LogisticRegressionWorkload : IWorkload
{
    public string Name => "logistic_regression";

    public void Run(BenchReport report, BenchOptions options)
    {
        var (x, y) = DigitsRows.Load();
        int n = x.Size(0);
        var model = DigitsRows.TimedColdAndWarm(report, options, Name,
            () => (LogisticRegression)new LogisticRegression(alpha: 1.0 / n, maxIter: 100, tolerance: 1e-4 / n).Fit(x, y));
        var logits = x.MatMul(model.Weights) + model.Intercept;
        double crossEntropy = -logits.LogSoftmax(1).Gather(1, y.Unsqueeze(1)).Mean().Item();
        report.Write("logistic_regression_objective", crossEntropy + model.Weights.Square().Sum().Item() / (2.0 * n), "objective");
        report.Write("logistic_regression_accuracy", model.Score(x, y), "fraction");
    }
}

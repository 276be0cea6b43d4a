namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>The digits as bench/sklearn_reference_models.py sees them, and the one-fit timing of those workloads.</summary>
internal static class DigitsRows
{
    /// <summary>scikit-learn's load_digits divided by 16 (Sharpgrad's scale), float64 [1797, 64], and int64 labels.</summary>
    public static (Tensor X, Tensor Y) Load()
    {
        var digits = Data.Datasets.Digits();
        return (digits.Inputs.Double(), digits.Targets);
    }

    /// <summary>
    /// The t-SNE, SVC, LogisticRegression and GaussianMixture comparisons time one whole fit (each takes seconds; a
    /// second run would double a long benchmark): the options' JIT warm-up, then <see cref="FashionRows.Timed"/>.
    /// </summary>
    public static T Timed<T>(BenchReport report, BenchOptions options, string name, Func<T> fit)
    {
        options.WarmUp(() => fit());
        return FashionRows.Timed(report, name, fit);
    }

    /// <summary>
    /// For the short fits (SVC, LogisticRegression: a tenth of a second each): <see cref="Timed"/>, then the same fit
    /// once more in the same process as <c>{name}_warm</c>. Without a warm-up the first is a cold run (every method
    /// compiled at its first call, as a user's one-fit process sees it) and the second shows the fit's own compute
    /// (issue #21, cold21); both are reported so neither hides the other. Returns the first fit's result.
    /// </summary>
    public static T TimedColdAndWarm<T>(BenchReport report, BenchOptions options, string name, Func<T> fit)
    {
        var first = Timed(report, options, name, fit);
        FashionRows.Timed(report, $"{name}_warm", fit);
        return first;
    }
}

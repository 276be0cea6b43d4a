using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// <c>sklearn_pca_fit</c> (s): <see cref="PCA"/> with 50 components fitted to the first 10,000 Fashion-MNIST training
/// images, with the randomised solver (scikit-learn's 'auto' picks its randomised solver for this shape; see
/// bench/sklearn_reference.py), and <c>sklearn_pca_explained_variance_percent</c>, the share of the variance the 50
/// components keep, which must match scikit-learn's.
/// </summary>
public sealed class PcaWorkload : IWorkload
{
    public string Name => "sklearn_pca";

    public void Run(BenchReport report, BenchOptions options)
    {
        var x = FashionRows.Load(options, train: true).X.Narrow(0, 0, 10000).Contiguous();
        new PCA(50, solver: PcaSolver.Randomized).Fit(x.Narrow(0, 0, 1000));  // warm-up, as the reference
        options.WarmUp(() => new PCA(50, solver: PcaSolver.Randomized).Fit(x.Narrow(0, 0, 1000)));
        var pca = FashionRows.Timed(report, "sklearn_pca_fit", () => (PCA)new PCA(50, solver: PcaSolver.Randomized).Fit(x));
        report.Write("sklearn_pca_explained_variance_percent", 100 * pca.ExplainedVarianceRatio.Sum().Item(), "percent");
        report.Write("sklearn_pca_first_variance", pca.ExplainedVariance[0].Item(), "variance");
    }
}

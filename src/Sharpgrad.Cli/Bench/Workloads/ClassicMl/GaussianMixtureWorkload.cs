using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// gmm (s) and gmm_log_likelihood: a 10-component full-covariance <see cref="GaussianMixture"/> on the PCA-50
/// projection of the first 10,000 Fashion-MNIST training images (the projection outside the timing), k-means start,
/// exactly 100 EM iterations (tol 0), as bench/sklearn_reference_models.py; the mean log-likelihood is the result.
/// </summary>
public sealed class GaussianMixtureWorkload : IWorkload
{
    public const int Images = 10_000, Dimensions = 50, Components = 10, Iterations = 100;

    public string Name => "gmm";

    public void Run(BenchReport report, BenchOptions options)
    {
        var images = FashionRows.Load(options, train: true).X.Narrow(0, 0, Images);
        var features = new PCA(Dimensions, solver: PcaSolver.Eigh).FitTransform(images);
        var gmm = DigitsRows.Timed(report, options, Name,
            () => new GaussianMixture(Components, maxIter: Iterations, tol: 0, regCovar: 1e-6, seed: 0).Fit(features));
        report.Write("gmm_log_likelihood", gmm.Score(features), "nats");
    }
}

using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// <c>sklearn_kmeans_fit</c> (s): <see cref="KMeans"/> with k = 10 on the 60,000 Fashion-MNIST training images, one
/// k-means++ start, 20 Lloyd iterations (tolerance 0), seed 0; <c>sklearn_kmeans_inertia</c> and the iterations run,
/// to set beside scikit-learn's (the seeds differ, so the inertias agree within the documented tolerance, not exactly).
/// </summary>
public sealed class KMeansWorkload : IWorkload
{
    public string Name => "sklearn_kmeans";

    public void Run(BenchReport report, BenchOptions options)
    {
        var x = FashionRows.Load(options, train: true).X;
        static KMeans Make() => new(10, nInit: 1, maxIter: 20, tol: 0, seed: 0);
        Make().FitClusters(x.Narrow(0, 0, 2000));  // warm-up, as the reference
        options.WarmUp(() => Make().FitClusters(x.Narrow(0, 0, 2000)));
        var model = FashionRows.Timed(report, "sklearn_kmeans_fit", () => Make().FitClusters(x));
        report.Write("sklearn_kmeans_inertia", model.Inertia, "inertia");
        report.Write("sklearn_kmeans_iterations", model.Iterations, "iterations");
    }
}

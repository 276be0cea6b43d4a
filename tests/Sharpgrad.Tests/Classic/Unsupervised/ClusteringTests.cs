using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>k-means and the Gaussian mixture on planted clusters whose truth is known.</summary>
public class ClusteringTests
{
    private static readonly double[,] Centres = { { 0, 0 }, { 10, 0 }, { 0, 10 } };

    /// <summary>Three isotropic blobs of <paramref name="perBlob"/> points each, σ = 0.5, and their true labels.</summary>
    private static (Tensor X, long[] Labels) Blobs(int perBlob, int seed)
    {
        var centres = Tensor.From(Centres);
        var labels = Enumerable.Range(0, 3 * perBlob).Select(i => (long)(i / perBlob)).ToArray();
        var x = centres.IndexSelect(0, Tensor.From(labels)) + 0.5 * Tensor.Randn([3 * perBlob, 2], DType.Float64, new Generator(seed));
        return (x, labels);
    }

    /// <summary>True when the two labellings are the same partition (equal up to renaming the clusters).</summary>
    private static bool SamePartition(long[] a, long[] b) =>
        a.Zip(b).Distinct().Count() == a.Distinct().Count() && a.Distinct().Count() == b.Distinct().Count();

    [Fact]
    public void KMeansRecoversWellSeparatedBlobs()
    {
        var (x, truth) = Blobs(40, seed: 3);
        var kmeans = new KMeans(3, seed: 0).FitClusters(x);
        Assert.True(SamePartition(truth, kmeans.Labels.ToArray<long>()));
        // Each centroid is near a true centre: the error of a 40-point mean is about σ/√40 ≈ 0.08.
        var distances = PairwiseDistances.SquaredEuclidean(kmeans.ClusterCenters, Tensor.From(Centres)).Min(1).Values.Sqrt();
        Assert.True(distances.Max().Item() < 0.3, $"centroid errors {distances}");
        // Inertia ≈ N·D·σ² = 120·2·0.25 = 60 for the true centres.
        Assert.InRange(kmeans.Inertia, 30, 90);
        Assert.Equal(kmeans.Labels.ToArray<long>(), kmeans.Predict(x).ToArray<long>());
        Assert.Equal([120, 3], kmeans.Transform(x).Shape);
    }

    [Fact]
    public void KMeansIsReproducibleForASeed()
    {
        var (x, _) = Blobs(20, seed: 4);
        Assert.Equal(new KMeans(3, nInit: 2, seed: 7).FitClusters(x).Inertia, new KMeans(3, nInit: 2, seed: 7).FitClusters(x).Inertia);
        Assert.Throws<ArgumentException>(() => new KMeans(10).Fit(Tensor.Zeros([5, 2], DType.Float64)));
    }

    [Fact]
    public void GaussianMixtureLogLikelihoodNeverDecreasesAndFindsTheComponents()
    {
        // Two elongated, overlapping-ish Gaussians that k-means alone would not model: EM has work to do.
        var generator = new Generator(5);
        var a = Tensor.Randn([150, 2], DType.Float64, generator).MatMul(Tensor.From(new double[,] { { 2, 0 }, { 1.5, 0.5 } }));
        var b = Tensor.Randn([50, 2], DType.Float64, generator) * 0.7 + Tensor.From(new[] { 4.0, -2.0 });
        var x = Tensor.Cat([a, b], 0);
        var gmm = new GaussianMixture(2, maxIter: 200, tol: 1e-10, seed: 0).Fit(x);
        var history = gmm.LogLikelihoodHistory;
        Assert.True(history.Count >= 3, $"only {history.Count} EM iterations");
        for (int t = 1; t < history.Count; t++)
            Assert.True(history[t] >= history[t - 1] - 1e-9, $"log-likelihood fell at iteration {t}: {history[t - 1]} → {history[t]}");
        Assert.Equal(history[^1], gmm.Score(x), 6);
        var means = gmm.Means;
        var big = gmm.Weights[0].Item() > gmm.Weights[1].Item() ? 0 : 1;
        Assert.InRange(gmm.Weights[big].Item(), 0.7, 0.8);   // 150 of 200 points
        Assert.True((means[1 - big] - Tensor.From(new[] { 4.0, -2.0 })).Norm().Item() < 0.4, $"means {means}");
        Assert.True(gmm.PredictProba(x).Sum(1).AllClose(Tensor.Ones([200], DType.Float64), 0, 1e-12));
    }
}

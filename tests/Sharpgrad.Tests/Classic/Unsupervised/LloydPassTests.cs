using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>The fused host-side Lloyd pass against a plain reference, and k-means' thread-count determinism.</summary>
public class LloydPassTests
{
    [Fact]
    public void AssignMatchesThePlainLoops()
    {
        // 2,500 rows: two chunks of the pass (2,048 rows each), 6 features, 4 centres.
        const int n = 2500, d = 6, k = 4;
        var x = Tensor.Randn([n, d], DType.Float64, new Generator(11)).ToArray<double>();
        var centers = Tensor.Randn([k, d], DType.Float64, new Generator(12)).ToArray<double>();
        var labels = new int[n];
        var sums = new double[k * d];
        var counts = new double[k];
        double inertia = new LloydPass(x, n, d).Assign(centers, k, labels, sums, counts);

        var expectedSums = new double[k * d];
        var expectedCounts = new double[k];
        double expectedInertia = 0;
        for (int i = 0; i < n; i++)
        {
            var distances = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d)
                .Sum(f => (x[i * d + f] - centers[c * d + f]) * (x[i * d + f] - centers[c * d + f]))).ToArray();
            int best = Array.IndexOf(distances, distances.Min());
            Assert.Equal(best, labels[i]);
            expectedInertia += distances[best];
            expectedCounts[best]++;
            for (int f = 0; f < d; f++) expectedSums[best * d + f] += x[i * d + f];
        }
        Assert.Equal(expectedCounts, counts);
        for (int j = 0; j < k * d; j++) Assert.Equal(expectedSums[j], sums[j], 1e-9);
        Assert.Equal(expectedInertia, inertia, 1e-8 * expectedInertia);
    }

    [Fact]
    public void DistancesToACentreMatchThePlainLoop()
    {
        const int n = 37, d = 9;
        var x = Tensor.Randn([n, d], DType.Float64, new Generator(13)).ToArray<double>();
        var centre = x.AsSpan(5 * d, d).ToArray();
        var distances = new LloydPass(x, n, d).SquaredDistancesTo(centre);
        for (int i = 0; i < n; i++)
            Assert.Equal(Enumerable.Range(0, d).Sum(f => (x[i * d + f] - centre[f]) * (x[i * d + f] - centre[f])), distances[i], 1e-12);
        Assert.Equal(0, distances[5], 1e-12);
    }

    [Fact]
    public void KMeansGivesTheSameBitsAtAnyThreadCount()
    {
        var x = Tensor.Randn([4100, 3], DType.Float64, new Generator(14));
        KMeans Fit(int threads) { using (Threads.Use(threads)) return new KMeans(5, nInit: 2, maxIter: 10, seed: 3).FitClusters(x); }
        KMeans one = Fit(1), two = Fit(2);
        Assert.Equal(one.Inertia, two.Inertia);
        Assert.Equal(one.ClusterCenters.ToArray<double>(), two.ClusterCenters.ToArray<double>());
        Assert.Equal(one.Labels.ToArray<long>(), two.Labels.ToArray<long>());
        // The inertia is Σ‖xᵢ − μ_c(i)‖² of the returned centres and labels.
        var direct = (x - one.ClusterCenters.IndexSelect(0, one.Labels)).Square().Sum().Item();
        Assert.Equal(direct, one.Inertia, 1e-9 * direct);
    }
}

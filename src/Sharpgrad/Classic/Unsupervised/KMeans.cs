namespace Sharpgrad.Classic;

/// <summary>
/// k-means clustering by Lloyd's algorithm (GBC §5.8.2): alternately assign each example to its nearest centroid and
/// move each centroid to the mean of its examples, which never increases the inertia Σ‖xᵢ − μ_c(i)‖². Centroids are
/// seeded by k-means++ (Arthur &amp; Vassilvitskii 2007) and the best of <c>nInit</c> seeded restarts is kept, as in
/// scikit-learn. <see cref="Transform"/> gives the distance to every centroid, <see cref="Predict"/> the nearest one.
/// </summary>
public sealed class KMeans : ITransformer
{
    private const string Op = "KMeans";
    private readonly int nClusters, nInit, maxIter, seed;
    private readonly double tol;
    private Tensor? centers, labels;

    /// <param name="nClusters">k, the number of clusters.</param>
    /// <param name="nInit">Restarts from different k-means++ seeds; the lowest inertia wins.</param>
    /// <param name="maxIter">Lloyd iterations per restart.</param>
    /// <param name="tol">Stop when no centroid moves by more than this (Euclidean distance).</param>
    /// <param name="seed">Seed of the k-means++ draws, so a fit is reproducible.</param>
    public KMeans(int nClusters, int nInit = 10, int maxIter = 300, double tol = 1e-4, int seed = 0)
    {
        FittedState.RequirePositive(nClusters, nameof(nClusters), Op);
        FittedState.RequirePositive(nInit, nameof(nInit), Op);
        FittedState.RequirePositive(maxIter, nameof(maxIter), Op);
        (this.nClusters, this.nInit, this.maxIter, this.tol, this.seed) = (nClusters, nInit, maxIter, tol, seed);
    }

    /// <summary>The centroids [k, D].</summary>
    public Tensor ClusterCenters => FittedState.Require(centers, $"{Op}.ClusterCenters");

    /// <summary>The cluster of each training example, int64 [N].</summary>
    public Tensor Labels => FittedState.Require(labels, $"{Op}.Labels");

    /// <summary>Σ‖xᵢ − μ_c(i)‖² of the kept restart: the objective k-means minimises.</summary>
    public double Inertia { get; private set; } = double.NaN;

    /// <summary>Lloyd iterations the kept restart took.</summary>
    public int Iterations { get; private set; }

    public ITransformer Fit(Tensor x) => FitClusters(x);

    /// <summary>Fits and returns this as a <see cref="KMeans"/>, so fluent code can go on to <see cref="Predict"/>.</summary>
    public KMeans FitClusters(Tensor x)
    {
        var data = EstimatorInput.Features(x, Op);
        FittedState.RequireAtMost(nClusters, data.Size(0), "the number of samples", x, Op);
        using var _ = Autograd.NoGrad();
        var generator = new Generator(seed);
        int d = data.Size(1);
        var rows = data.Contiguous().ToArray<double>();
        var pass = new LloydPass(rows, data.Size(0), d);
        Inertia = double.PositiveInfinity;
        for (int run = 0; run < nInit; run++)
        {
            var (runCenters, runLabels, inertia, iterations) = Lloyd(pass, d, PlusPlusSeeds(rows, d, pass, generator));
            if (inertia < Inertia) (centers, labels, Inertia, Iterations) = (runCenters, runLabels, inertia, iterations);
        }
        return this;
    }

    /// <summary>Distances from each row of <paramref name="x"/> to each centroid, [N, k].</summary>
    public Tensor Transform(Tensor x)
    {
        var data = EstimatorInput.Features(x, $"{Op}.Transform", ClusterCenters.Size(1));
        using var _ = Autograd.NoGrad();
        return PairwiseDistances.SquaredEuclidean(data, ClusterCenters).Sqrt();
    }

    /// <summary>The nearest centroid of each row, int64 [N].</summary>
    public Tensor Predict(Tensor x)
    {
        var data = EstimatorInput.Features(x, $"{Op}.Predict", ClusterCenters.Size(1));
        using var _ = Autograd.NoGrad();
        return PairwiseDistances.SquaredEuclidean(data, ClusterCenters).ArgMin(1);
    }

    /// <summary>
    /// k-means++: the first centroid is a uniformly drawn example, each further one is drawn with probability
    /// proportional to its squared distance D² to the nearest centroid so far. The draw uses the Gumbel-max trick,
    /// argmax(log w + Gumbel noise), which samples index i with probability wᵢ/Σw as one tensor expression.
    /// </summary>
    private double[] PlusPlusSeeds(double[] x, int d, LloydPass pass, Generator generator)
    {
        int n = pass.RowNorms.Length;
        var centers = new double[nClusters * d];
        int first = (int)generator.NextInt64(n);
        x.AsSpan(first * d, d).CopyTo(centers);
        var nearest = pass.SquaredDistancesTo(x.AsSpan(first * d, d));
        for (int c = 1; c < nClusters; c++)
        {
            var gumbel = -(-Tensor.Rand([n], DType.Float64, generator).Clamp(1e-300, null).Log()).Log();
            var index = (int)(Tensor.FromArray(nearest).Log() + gumbel).ArgMax().Item<long>();
            x.AsSpan(index * d, d).CopyTo(centers.AsSpan(c * d, d));
            var distances = pass.SquaredDistancesTo(x.AsSpan(index * d, d));
            for (int i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], distances[i]);
        }
        return centers;
    }

    /// <summary>
    /// Lloyd's iterations on the host (<see cref="LloydPass"/>): assign, then move each centroid to its examples'
    /// mean, <c>maxIter</c> times or until no centroid moves more than <c>tol</c>; the labels and inertia are those
    /// of the final centroids.
    /// </summary>
    private (Tensor Centers, Tensor Labels, double Inertia, int Iterations) Lloyd(LloydPass pass, int d, double[] centers)
    {
        var labels = new int[pass.RowNorms.Length];
        var sums = new double[nClusters * d];
        var counts = new double[nClusters];
        double inertia = pass.Assign(centers, nClusters, labels, sums, counts);
        int iteration = 0;
        while (iteration < maxIter)
        {
            iteration++;
            double shift = 0;
            for (int c = 0; c < nClusters; c++)
            {
                // An empty cluster keeps its centroid (there is no mean to move to); the next assignment may refill it.
                if (counts[c] == 0) continue;
                double moved = 0;
                for (int j = c * d; j < (c + 1) * d; j++)
                {
                    double mean = sums[j] / counts[c];
                    moved += (mean - centers[j]) * (mean - centers[j]);
                    centers[j] = mean;
                }
                shift = Math.Max(shift, moved);
            }
            inertia = pass.Assign(centers, nClusters, labels, sums, counts);
            if (shift <= tol * tol) break;
        }
        return (Tensor.FromArray(centers).Reshape(nClusters, d), Tensor.FromArray(labels.Select(l => (long)l).ToArray()), inertia, iteration);
    }
}

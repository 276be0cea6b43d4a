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
        Inertia = double.PositiveInfinity;
        for (int run = 0; run < nInit; run++)
        {
            var (runCenters, runLabels, inertia, iterations) = Lloyd(data, PlusPlusSeeds(data, generator));
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
    private Tensor PlusPlusSeeds(Tensor x, Generator generator)
    {
        int n = x.Size(0);
        var chosen = new List<Tensor> { x[(int)generator.NextInt64(n)] };
        var nearest = PairwiseDistances.SquaredEuclidean(x, chosen[0].Unsqueeze(0)).Squeeze(1);
        for (int c = 1; c < nClusters; c++)
        {
            var gumbel = -(-Tensor.Rand([n], DType.Float64, generator).Clamp(1e-300, null).Log()).Log();
            var index = (int)(nearest.Log() + gumbel).ArgMax().Item<long>();
            chosen.Add(x[index]);
            nearest = nearest.Minimum(PairwiseDistances.SquaredEuclidean(x, x[index].Unsqueeze(0)).Squeeze(1));
        }
        return Tensor.Stack(chosen, 0);
    }

    private (Tensor Centers, Tensor Labels, double Inertia, int Iterations) Lloyd(Tensor x, Tensor centroids)
    {
        int iteration = 0;
        Tensor assignment;
        while (true)
        {
            assignment = PairwiseDistances.SquaredEuclidean(x, centroids).ArgMin(1);
            if (++iteration > maxIter) break;
            var sums = Tensor.Zeros([nClusters, x.Size(1)], DType.Float64).IndexAdd(0, assignment, x);
            var counts = Tensor.Zeros([nClusters], DType.Float64).IndexAdd(0, assignment, Tensor.Ones([x.Size(0)], DType.Float64)).Unsqueeze(1);
            // An empty cluster keeps its centroid (there is no mean to move to); the next assignment may refill it.
            var updated = Tensor.Where(counts.Gt(0), sums / counts.Clamp(1, null), centroids);
            double shift = (updated - centroids).Square().Sum(1).Max().Item();
            centroids = updated;
            if (shift <= tol * tol) { assignment = PairwiseDistances.SquaredEuclidean(x, centroids).ArgMin(1); break; }
        }
        double inertia = PairwiseDistances.SquaredEuclidean(x, centroids).Min(1).Values.Sum().Item();
        return (centroids, assignment, inertia, Math.Min(iteration, maxIter));
    }
}

namespace Sharpgrad.Classic;

/// <summary>How the k nearest neighbours vote (scikit-learn's <c>weights</c>).</summary>
public enum NeighborWeights
{
    /// <summary>Every neighbour counts the same.</summary>
    Uniform,

    /// <summary>A neighbour counts 1/distance, so closer ones count more; a neighbour at distance 0 takes the whole vote.</summary>
    Distance,
}

/// <summary>The k-nearest-neighbour search shared by <see cref="KNeighborsClassifier"/> and <see cref="KNeighborsRegressor"/>, in tensor ops.</summary>
internal static class NearestNeighbors
{
    /// <summary>
    /// The indices [M, k] into <paramref name="train"/> of the k rows nearest to each query row, nearest first, and
    /// each neighbour's vote weight [M, k]. Euclidean distances for all pairs come from one matrix product
    /// (<see cref="SquaredDistances"/>); the k smallest per row are then taken by k
    /// rounds of argmin, each masking its winner — cheap for the small k kNN uses. Ties go to the lower index.
    /// </summary>
    /// <summary>Fit's check that k neighbours exist among the <paramref name="samples"/> training examples.</summary>
    public static void RequireEnoughSamples(int k, int samples, string op)
    {
        if (k > samples) throw new ArgumentException($"{op}.Fit: k = {k} but X has only {samples} samples.");
    }

    public static (Tensor Indices, Tensor Weights) Find(Tensor train, Tensor query, int k, NeighborWeights weighting, string op)
    {
        var distances = PairwiseDistances.SquaredEuclidean(query, train).Sqrt();
        var remaining = distances.Clone();
        var indices = new List<Tensor>();
        var nearest = new List<Tensor>();
        for (int round = 0; round < k; round++)
        {
            var (values, index) = remaining.Min(1, keepdim: true);
            indices.Add(index);
            nearest.Add(values);
            remaining = remaining.Scatter(1, index, double.PositiveInfinity);
        }
        var neighborDistances = Tensor.Cat(nearest, 1);
        return (Tensor.Cat(indices, 1), VoteWeights(neighborDistances, weighting));
    }

    private static Tensor VoteWeights(Tensor distances, NeighborWeights weighting)
    {
        if (weighting == NeighborWeights.Uniform) return Tensor.OnesLike(distances);
        // 1/d; a row with an exact match gives its zero-distance neighbours all the weight (1/0 would be infinite).
        var exact = distances.Eq(0);
        var rowHasExact = exact.Double().Sum(1, keepdim: true).Gt(0).ExpandAs(distances);
        return Tensor.Where(rowHasExact, exact.Double(), distances.Reciprocal());
    }

    public static void RequirePositive(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"KNeighbors: k must be at least 1, got {k}.");
    }
}

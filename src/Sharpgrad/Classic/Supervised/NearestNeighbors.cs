namespace Sharpgrad.Classic;

/// <summary>How the k nearest neighbours vote (scikit-learn's <c>weights</c>).</summary>
public enum NeighborWeights
{
    /// <summary>Every neighbour counts the same.</summary>
    Uniform,

    /// <summary>A neighbour counts 1/distance, so closer ones count more; a neighbour at distance 0 takes the whole vote.</summary>
    Distance,
}

/// <summary>The k-nearest-neighbour search shared by <see cref="KNeighborsClassifier"/> and <see cref="KNeighborsRegressor"/>.</summary>
internal static class NearestNeighbors
{
    /// <summary>Fit's check that k neighbours exist among the <paramref name="samples"/> training examples.</summary>
    public static void RequireEnoughSamples(int k, int samples, string op)
    {
        if (k > samples) throw new ArgumentException($"{op}.Fit: k = {k} but X has only {samples} samples.");
    }

    /// <summary>
    /// The indices [M, k] into <paramref name="train"/> of the k rows nearest to each query row, nearest first, ties to
    /// the lower index, and each neighbour's vote weight [M, k]. The search is <see cref="BlockedNeighborSearch"/>:
    /// blocks of queries screened by one GEMM each, a partial top-k selection per row and an exact float64 re-ranking,
    /// never the whole [M, N] distance matrix.
    /// </summary>
    public static (Tensor Indices, Tensor Weights) Find(Tensor train, Tensor query, int k, NeighborWeights weighting)
    {
        var (indices, squared) = BlockedNeighborSearch.Find(train, query, k);
        return (indices, VoteWeights(squared.Sqrt(), weighting));
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

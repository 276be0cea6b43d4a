using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Supervised;

/// <summary>
/// The blocked kNN search (float32 GEMM screen, partial top-k, exact float64 re-ranking) against the plain reference:
/// every distance Σ(q − b)² in float64, sorted by (distance, index).
/// </summary>
public class BlockedNeighborSearchTests
{
    /// <summary>The textbook search: all N distances of each query, sorted, ties to the lower index.</summary>
    private static (long[] Indices, double[] Distances) Reference(double[,] train, double[,] query, int k)
    {
        int n = train.GetLength(0), m = query.GetLength(0), d = train.GetLength(1);
        var indices = new long[m * k];
        var distances = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            var all = Enumerable.Range(0, n).Select(j =>
            {
                double sum = 0;
                for (int f = 0; f < d; f++) sum += (query[i, f] - train[j, f]) * (query[i, f] - train[j, f]);
                return (Distance: sum, Index: j);
            }).OrderBy(p => p.Distance).ThenBy(p => p.Index).Take(k).ToArray();
            for (int r = 0; r < k; r++) (indices[i * k + r], distances[i * k + r]) = (all[r].Index, all[r].Distance);
        }
        return (indices, distances);
    }

    private static double[,] Random(int rows, int cols, int seed, double scale = 1) =>
        ToMatrix((scale * Tensor.Randn([rows, cols], DType.Float64, new Generator(seed))).ToArray<double>(), cols);

    private static double[,] ToMatrix(double[] data, int cols)
    {
        var m = new double[data.Length / cols, cols];
        Buffer.BlockCopy(data, 0, m, 0, data.Length * sizeof(double));
        return m;
    }

    private static void AssertMatchesReference(double[,] train, double[,] query, int k)
    {
        var (indices, distances) = BlockedNeighborSearch.Find(Tensor.From(train), Tensor.From(query), k);
        var (expectedIndices, expectedDistances) = Reference(train, query, k);
        Assert.Equal(expectedIndices, indices.ToArray<long>());
        var got = distances.ToArray<double>();
        for (int i = 0; i < got.Length; i++) Assert.Equal(expectedDistances[i], got[i], 1e-12);
    }

    [Fact]
    public void MatchesThePlainSearchAcrossSeveralQueryBlocks()
    {
        // 300 queries: two full blocks of 128 and a partial one; odd sizes everywhere.
        AssertMatchesReference(Random(97, 7, seed: 1), Random(300, 7, seed: 2), k: 5);
    }

    [Fact]
    public void ExactReRankingSeparatesDistancesFloat32CannotTellApart()
    {
        // Near 1000 float32's spacing is 6.1e-5, so the screen sees rows 0–2 as equally far from 0; the float64
        // re-ranking must still order them 1, 2, 0.
        var train = new double[,] { { 1000 + 3e-5 }, { 1000 + 1e-5 }, { 1000 + 2e-5 }, { 5000 }, { -3000 } };
        var (indices, _) = BlockedNeighborSearch.Find(Tensor.From(train), Tensor.From(new double[,] { { 0 } }), 3);
        Assert.Equal(new long[] { 1, 2, 0 }, indices.ToArray<long>());
    }

    [Fact]
    public void TiesGoToTheLowerIndex()
    {
        // Rows 1 and 3 are duplicates and rows 0 and 2 mirror each other around the query: equal distances.
        var train = new double[,] { { -1, 0 }, { 0, 2 }, { 1, 0 }, { 0, 2 }, { 9, 9 } };
        var (indices, distances) = BlockedNeighborSearch.Find(Tensor.From(train), Tensor.From(new double[,] { { 0, 0 } }), 4);
        Assert.Equal(new long[] { 0, 2, 1, 3 }, indices.ToArray<long>());
        Assert.Equal(new double[] { 1, 1, 4, 4 }, distances.ToArray<double>());
    }

    [Fact]
    public void NormsOutsideFloat32sRangeScreenInFloat64()
    {
        // ‖b‖² ≈ 1e22 would lose everything in float32; the search falls back to a float64 screen.
        AssertMatchesReference(Random(40, 3, seed: 3, scale: 1e11), Random(9, 3, seed: 4, scale: 1e11), k: 3);
    }

    [Fact]
    public void SameBitsAtAnyThreadCount()
    {
        var train = Tensor.From(Random(150, 5, seed: 5));
        var query = Tensor.From(Random(140, 5, seed: 6));
        (Tensor, Tensor) Run(int threads) { using (Threads.Use(threads)) return BlockedNeighborSearch.Find(train, query, 4); }
        var (i1, d1) = Run(1);
        var (i2, d2) = Run(2);
        Assert.Equal(i1.ToArray<long>(), i2.ToArray<long>());
        Assert.Equal(d1.ToArray<double>(), d2.ToArray<double>());
    }
}

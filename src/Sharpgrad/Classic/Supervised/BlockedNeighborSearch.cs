using System.Numerics;

namespace Sharpgrad.Classic;

/// <summary>
/// The exact k nearest training rows of every query row, without the [M, N] distance matrix: queries go in blocks
/// of <see cref="BlockRows"/>, and for each block one matrix product screens all N training rows, a per-row partial
/// selection keeps the few candidates that can still be among the k nearest, and their distances are recomputed
/// exactly in float64.
/// </summary>
/// <remarks>
/// <para><b>Screen.</b> ‖q − b‖² = ‖q‖² + (‖b‖² − 2q·b), and ‖q‖² is the same for a whole row, so ranking needs only
/// sⱼ = ‖bⱼ‖² − 2q·bⱼ, one GEMM per block of [−2q, 1] against [b; ‖b‖²]. The GEMM runs in float32 (twice the
/// float64 throughput) whenever the squared norms lie in [1e-15, 1e15], else in float64.</para>
/// <para><b>Why the screen loses nothing.</b> Rounding the inputs to the screening precision (unit roundoff u), the
/// dot product of length D + 1 (at most γ_(D+1)·Σ|terms| ≤ 1.01·(D + 1)·u·(2‖q‖‖b‖ + ‖b‖²) in any summation
/// order; Higham, "Accuracy and Stability of Numerical Algorithms", §3.1) move each screened value by at most
/// e = 4(D + 4)·u·(‖q‖·B + B²), with B the largest training-row norm. If s₍ₖ₎ is the k-th smallest screened value of
/// a row, k training rows have a true value ≤ s₍ₖ₎ + e, so every row of the true k nearest (ties included) has
/// sⱼ ≤ s₍ₖ₎ + 2e. Those candidates are re-ranked by Σ(q − b)² computed directly in float64, ties to the lower
/// index, so the answer is the float64 one (and the distances more accurate than the expanded form's).</para>
/// <para>Host-side selection on the screened block read with ToArray, rows in parallel on <see cref="Threads.Count"/>
/// threads; each row's result depends only on its own data, so the answer is the same at any thread count.</para>
/// </remarks>
internal static class BlockedNeighborSearch
{
    /// <summary>
    /// Query rows per screening block: a [256, N] float32 block is 61 MB for N = 60,000. The GEMM packs the whole
    /// training matrix once per block, so fewer, taller blocks run faster (128 rows took 20% longer per row).
    /// </summary>
    public const int BlockRows = 256;

    /// <summary>Candidate rows gathered at once in the exact re-ranking ([4096, D] float64).</summary>
    private const int RefineRows = 4096;

    /// <summary>
    /// The indices [M, k] (int64, nearest first, ties to the lower index) of the <paramref name="k"/> rows of
    /// <paramref name="train"/> [N, D] nearest to each row of <paramref name="query"/> [M, D], and their squared
    /// Euclidean distances [M, k] (float64). Both inputs are float64 and free of NaN and ±∞ (EstimatorInput).
    /// </summary>
    public static (Tensor Indices, Tensor SquaredDistances) Find(Tensor train, Tensor query, int k)
    {
        int n = train.Size(0), m = query.Size(0), d = train.Size(1);
        using var _ = Autograd.NoGrad();
        var trainNorms = (train * train).Sum(1);
        var queryNorms = (query * query).Sum(1);
        double largestTrain = trainNorms.Max().Item(), largestQuery = queryNorms.Max().Item();
        bool single = InFloat32Range(largestTrain) && InFloat32Range(largestQuery);
        var screenDType = single ? DType.Float32 : DType.Float64;
        double roundoff = single ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);
        // [−2q, 1]·[b; ‖b‖²] = ‖b‖² − 2q·b: the GEMM adds the norms itself, with no pass over the [rows, N] block.
        var augmentedTrainT = Tensor.Cat([train, trainNorms.Unsqueeze(1)], 1).To(screenDType).T;
        double largestNorm = Math.Sqrt(largestTrain), slack = 4.0 * (d + 4) * roundoff;
        var queryLengths = queryNorms.Sqrt().ToArray<double>();

        var indices = new long[m * k];
        var distances = new double[m * k];
        for (int start = 0; start < m; start += BlockRows)
        {
            int rows = Math.Min(BlockRows, m - start);
            var block = query.Narrow(0, start, rows);
            var augmentedQuery = Tensor.Cat([block * -2, Tensor.Ones([rows, 1], DType.Float64)], 1).To(screenDType);
            var scores = augmentedQuery.MatMul(augmentedTrainT);
            var bounds = new double[rows];
            for (int r = 0; r < rows; r++) bounds[r] = slack * (queryLengths[start + r] * largestNorm + largestTrain);
            var candidates = single
                ? Candidates(scores.ToArray<float>(), rows, n, k, bounds)
                : Candidates(scores.ToArray<double>(), rows, n, k, bounds);
            Rerank(train, block, candidates, k, indices.AsSpan(start * k, rows * k), distances.AsSpan(start * k, rows * k));
        }
        return (Tensor.FromArray(indices).Reshape(m, k), Tensor.FromArray(distances).Reshape(m, k));
    }

    private static bool InFloat32Range(double squaredNorm) => squaredNorm is >= 1e-15 and <= 1e15 || squaredNorm == 0;

    /// <summary>
    /// Per row of the [rows, n] screened block: the k-th smallest value s₍ₖ₎ (one pass keeping a sorted buffer of k,
    /// skipping whole SIMD vectors that cannot enter it), then every index with a value ≤ s₍ₖ₎ + 2e.
    /// </summary>
    private static int[][] Candidates<T>(T[] scores, int rows, int n, int k, double[] bounds) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new int[rows][];
        Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = Threads.Count }, r =>
        {
            var row = scores.AsSpan(r * n, n);
            double threshold = double.CreateChecked(KthSmallest(row, k)) + 2 * bounds[r];
            // Rounded up, so the comparison in T keeps every value ≤ the threshold in float64.
            var limit = T.BitIncrement(T.CreateChecked(threshold));
            var kept = new List<int>(2 * k);
            int j = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            {
                var limits = new Vector<T>(limit);
                for (; j + Vector<T>.Count <= n; j += Vector<T>.Count)
                    if (Vector.LessThanOrEqualAny(new Vector<T>(row.Slice(j, Vector<T>.Count)), limits))
                        for (int t = j; t < j + Vector<T>.Count; t++)
                            if (row[t] <= limit) kept.Add(t);
            }
            for (; j < n; j++)
                if (row[j] <= limit) kept.Add(j);
            result[r] = kept.ToArray();
        });
        return result;
    }

    /// <summary>The k-th smallest value of <paramref name="row"/> (k ≤ its length).</summary>
    private static T KthSmallest<T>(ReadOnlySpan<T> row, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var best = new T[k];
        best.AsSpan().Fill(T.PositiveInfinity);
        var worst = T.PositiveInfinity;
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; j + Vector<T>.Count <= row.Length; j += Vector<T>.Count)
            {
                if (!Vector.LessThanAny(new Vector<T>(row.Slice(j, Vector<T>.Count)), new Vector<T>(worst))) continue;
                for (int t = j; t < j + Vector<T>.Count; t++)
                    if (row[t] < worst) worst = Insert(best, row[t]);
            }
        }
        for (; j < row.Length; j++)
            if (row[j] < worst) worst = Insert(best, row[j]);
        return worst;
    }

    /// <summary>Inserts <paramref name="value"/> into the ascending buffer, dropping its last entry; returns the new last.</summary>
    private static T Insert<T>(T[] best, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = best.Length - 1;
        for (; i > 0 && best[i - 1] > value; i--) best[i] = best[i - 1];
        best[i] = value;
        return best[^1];
    }

    /// <summary>
    /// Σ(q − b)² in float64 for every candidate (gathered in chunks of <see cref="RefineRows"/> rows, as tensor ops),
    /// then per row the k smallest, ties to the lower index.
    /// </summary>
    private static void Rerank(Tensor train, Tensor block, int[][] candidates, int k, Span<long> indices, Span<double> distances)
    {
        var owner = new List<long>();
        var rowsOf = new List<long>();
        for (int r = 0; r < candidates.Length; r++)
            foreach (var j in candidates[r]) { owner.Add(r); rowsOf.Add(j); }
        var exact = new double[rowsOf.Count];
        for (int start = 0; start < exact.Length; start += RefineRows)
        {
            int count = Math.Min(RefineRows, exact.Length - start);
            var trainRows = train.IndexSelect(0, Tensor.FromArray(rowsOf.GetRange(start, count).ToArray()));
            var queryRows = block.IndexSelect(0, Tensor.FromArray(owner.GetRange(start, count).ToArray()));
            (trainRows - queryRows).Square().Sum(1).ToArray<double>().CopyTo(exact, start);
        }
        int offset = 0;
        for (int r = 0; r < candidates.Length; r++)
        {
            var order = Enumerable.Range(offset, candidates[r].Length)
                .OrderBy(c => exact[c]).ThenBy(c => rowsOf[c]).Take(k).ToArray();
            for (int i = 0; i < k; i++)
            {
                indices[r * k + i] = rowsOf[order[i]];
                distances[r * k + i] = exact[order[i]];
            }
            offset += candidates[r].Length;
        }
    }
}

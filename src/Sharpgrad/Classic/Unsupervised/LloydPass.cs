using System.Numerics;

namespace Sharpgrad.Classic;

/// <summary>
/// One pass of Lloyd's algorithm over row-major float64 data on the host, fused as scikit-learn's Cython does: each
/// row is read once, its nearest centroid found from ‖c‖² − 2x·c (‖x‖² is the same for every centroid), and the row
/// added to that centroid's running sum while it is still in cache. The tensor form (a GEMM for the scores, then an
/// IndexAdd for the sums) reads the [N, D] data three times per iteration and was slower than scikit-learn for
/// Fashion-MNIST's 60,000 × 784 (docs/performance.md).
/// </summary>
/// <remarks>
/// Rows are cut into chunks of <see cref="ChunkRows"/>, a size that depends only on the data, processed in parallel on
/// <see cref="Threads.Count"/> threads, each into its own partial sums; the partials are added in chunk order, so the
/// result is the same bits at any thread count. Ties go to the lower centroid index.
/// </remarks>
internal sealed class LloydPass(double[] x, int rows, int features)
{
    private const int ChunkRows = 2048;

    /// <summary>The squared norm ‖xᵢ‖² of every row.</summary>
    public double[] RowNorms { get; } = HostDot.RowNorms(x, rows, features);

    /// <summary>
    /// Assigns every row to its nearest of the k centroids [k·D]; writes the labels, the per-cluster sums [k·D] and
    /// counts [k] of the assigned rows, and returns the inertia Σ‖xᵢ − c_label‖² (each term clamped at 0).
    /// </summary>
    public double Assign(double[] centers, int k, int[] labels, double[] sums, double[] counts)
    {
        var centerNorms = HostDot.RowNorms(centers, k, features);
        int chunks = (rows + ChunkRows - 1) / ChunkRows;
        var partialSums = new double[chunks][];
        var partialCounts = new double[chunks][];
        var partialInertia = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Threads.Count }, chunk =>
        {
            var chunkSums = partialSums[chunk] = new double[k * features];
            var chunkCounts = partialCounts[chunk] = new double[k];
            double inertia = 0;
            int end = Math.Min(rows, (chunk + 1) * ChunkRows);
            for (int i = chunk * ChunkRows; i < end; i++)
            {
                var row = x.AsSpan(i * features, features);
                int best = 0;
                double bestScore = double.PositiveInfinity;
                int c = 0;
                for (; c + 4 <= k; c += 4)
                {
                    var dots = Dot4(row, centers.AsSpan(c * features, 4 * features));
                    for (int t = 0; t < 4; t++)
                    {
                        double score = centerNorms[c + t] - 2 * dots[t];
                        if (score < bestScore) (best, bestScore) = (c + t, score);
                    }
                }
                for (; c < k; c++)
                {
                    double score = centerNorms[c] - 2 * HostDot.Of(row, centers.AsSpan(c * features, features));
                    if (score < bestScore) (best, bestScore) = (c, score);
                }
                labels[i] = best;
                inertia += Math.Max(0, RowNorms[i] + bestScore);
                chunkCounts[best]++;
                AddTo(chunkSums.AsSpan(best * features, features), row);
            }
            partialInertia[chunk] = inertia;
        });
        Array.Clear(sums);
        Array.Clear(counts);
        double total = 0;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            AddTo(sums, partialSums[chunk]);
            AddTo(counts, partialCounts[chunk]);
            total += partialInertia[chunk];
        }
        return total;
    }

    /// <summary>‖xᵢ − c‖² for every row and one centre [D] (clamped at 0), as k-means++ needs after each draw.</summary>
    public double[] SquaredDistancesTo(ReadOnlySpan<double> center)
    {
        double centerNorm = HostDot.Of(center, center);
        var result = new double[rows];
        var c = center.ToArray();
        Parallel.For(0, (rows + ChunkRows - 1) / ChunkRows, new ParallelOptions { MaxDegreeOfParallelism = Threads.Count }, chunk =>
        {
            int end = Math.Min(rows, (chunk + 1) * ChunkRows);
            for (int i = chunk * ChunkRows; i < end; i++)
                result[i] = Math.Max(0, RowNorms[i] + centerNorm - 2 * HostDot.Of(x.AsSpan(i * features, features), c));
        });
        return result;
    }

    /// <summary>
    /// The dot products of <paramref name="row"/> with four consecutive centres [4·D] at once: each row vector is
    /// loaded once for four independent accumulators (four FMA chains in flight instead of two).
    /// </summary>
    private static Vector4Doubles Dot4(ReadOnlySpan<double> row, ReadOnlySpan<double> four)
    {
        int d = row.Length, i = 0, width = Vector<double>.Count;
        Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
        for (; i + width <= d; i += width)
        {
            var r = new Vector<double>(row.Slice(i, width));
            a0 = Vector.FusedMultiplyAdd(r, new Vector<double>(four.Slice(i, width)), a0);
            a1 = Vector.FusedMultiplyAdd(r, new Vector<double>(four.Slice(d + i, width)), a1);
            a2 = Vector.FusedMultiplyAdd(r, new Vector<double>(four.Slice(2 * d + i, width)), a2);
            a3 = Vector.FusedMultiplyAdd(r, new Vector<double>(four.Slice(3 * d + i, width)), a3);
        }
        Vector4Doubles sums = default;
        sums[0] = Vector.Sum(a0);
        sums[1] = Vector.Sum(a1);
        sums[2] = Vector.Sum(a2);
        sums[3] = Vector.Sum(a3);
        for (; i < d; i++)
            for (int t = 0; t < 4; t++) sums[t] += row[i] * four[t * d + i];
        return sums;
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Vector4Doubles
    {
        private double first;
    }

    private static void AddTo(Span<double> target, ReadOnlySpan<double> values)
    {
        int i = 0, width = Vector<double>.Count;
        for (; i + width <= target.Length; i += width)
            (new Vector<double>(target.Slice(i, width)) + new Vector<double>(values.Slice(i, width))).CopyTo(target.Slice(i, width));
        for (; i < target.Length; i++) target[i] += values[i];
    }
}

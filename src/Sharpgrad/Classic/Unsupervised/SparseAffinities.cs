namespace Sharpgrad.Classic;

/// <summary>
/// The sparse joint probabilities P of Barnes–Hut t-SNE (van der Maaten 2014, §4.1), in compressed-row form: each
/// point's conditional p(j|i) is spread over its k = min(N − 1, ⌊3·perplexity⌋ + 1) nearest neighbours only (a
/// Gaussian puts almost no mass beyond three times its effective number of neighbours), with the same bandwidth search
/// as the exact method; then pᵢⱼ = (p(j|i) + p(i|j)) / 2N over the union of both neighbour lists, as scikit-learn does.
/// Row i's entries are <c>Values[RowStart[i]..RowStart[i + 1]]</c> at columns <c>Columns[...]</c>, sorted by column.
/// </summary>
internal sealed record SparseAffinities(int[] RowStart, int[] Columns, double[] Values)
{
    private const int RowBlock = 512;   // rows of the distance matrix held at once: memory O(512·N), not O(N²)

    public int Count => RowStart.Length - 1;

    public static SparseAffinities Of(Tensor x, double perplexity)
    {
        int n = x.Size(0);
        int k = Math.Min(n - 1, (int)(3 * perplexity) + 1);
        var distances = new List<Tensor>();
        var neighbours = new List<Tensor>();
        var all = Tensor.Arange(0, n, dtype: DType.Int64).Unsqueeze(0);
        for (int start = 0; start < n; start += RowBlock)
        {
            int rows = Math.Min(RowBlock, n - start);
            var block = PairwiseDistances.SquaredEuclidean(x.Narrow(0, start, rows), x);
            var self = Tensor.Arange(start, start + rows, dtype: DType.Int64).Unsqueeze(1).Eq(all);
            var (values, indices) = Tensor.Where(self, double.PositiveInfinity, block).TopK(k, 1, largest: false);
            distances.Add(values);
            neighbours.Add(indices);
        }
        var conditional = TSNE.SearchBandwidths(Tensor.Cat(distances, 0), null, perplexity).ToDoubleArray();
        return Symmetrised(n, k, Tensor.Cat(neighbours, 0).ToArray<long>(), conditional);
    }

    // pᵢⱼ = (p(j|i) + p(i|j)) / 2N: every entry (i, j, v) also goes in as (j, i, v); equal pairs are then summed.
    private static SparseAffinities Symmetrised(int n, int k, long[] neighbour, double[] conditional)
    {
        var entries = new (int Row, int Column, double Value)[2 * n * k];
        for (int e = 0; e < n * k; e++)
        {
            int i = e / k, j = (int)neighbour[e];
            entries[2 * e] = (i, j, conditional[e]);
            entries[2 * e + 1] = (j, i, conditional[e]);
        }
        Array.Sort(entries, (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        var rowStart = new int[n + 1];
        var columns = new List<int>(entries.Length);
        var values = new List<double>(entries.Length);
        for (int e = 0; e < entries.Length; e++)
        {
            var (row, column, value) = entries[e];
            if (e > 0 && entries[e - 1].Row == row && entries[e - 1].Column == column) values[^1] += value / (2.0 * n);
            else
            {
                columns.Add(column);
                values.Add(value / (2.0 * n));
                rowStart[row + 1] = columns.Count;
            }
        }
        for (int i = 1; i <= n; i++) rowStart[i] = Math.Max(rowStart[i], rowStart[i - 1]);
        return new SparseAffinities(rowStart, [.. columns], [.. values]);
    }
}

namespace Sharpgrad.Classic;

/// <summary>
/// Fixed blocks of rows for the Gaussian models' [N, K, D] work (issue #21): with K·D = 500 float64 a block of 128 rows
/// is 512 KB, so a block's product and the elementwise passes over it stay in a core's 1 MB L2 instead of streaming
/// 40 MB through memory per pass, as scikit-learn's per-component loop keeps its [N, D] temporaries in cache. The
/// block size never depends on the thread count, so neither do the results.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Rows per block.</summary>
    public const int Rows = 128;

    /// <summary>(start, length) of each block of <paramref name="n"/> rows, in order.</summary>
    public static IEnumerable<(int Start, int Length)> Of(int n)
    {
        for (int start = 0; start < n; start += Rows) yield return (start, Math.Min(Rows, n - start));
    }
}

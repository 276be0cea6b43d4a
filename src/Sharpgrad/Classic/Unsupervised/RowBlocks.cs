namespace Sharpgrad.Classic;

/// <summary>
/// Blocks of rows for the Gaussian models' [N, K, D] work (issue #21): a block's [rows, K·D] float64 temporaries are
/// sized to about half of a core's 1 MB L2, so the block's product and the elementwise passes over it stay in cache
/// instead of streaming N·K·D·8 bytes through memory per pass, as scikit-learn's per-component loop keeps its [N, D]
/// temporaries in cache. (With K·D = 500 that is 131 rows; a fixed 128 was right only there.) The block size depends
/// only on the problem's width, never on the thread count, so neither do the results.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Bytes one block's [rows, K·D] float64 temporary may take: half an L2, leaving room for the rest.</summary>
    private const int CacheBudget = 512 * 1024;

    /// <summary>Fewest rows per block, so that a very wide problem still gives its GEMM a few rows to work on.</summary>
    private const int MinimumRows = 16;

    /// <summary>Rows per block for temporaries <paramref name="width"/> = K·D float64 wide.</summary>
    public static int RowsFor(int width) => Math.Max(MinimumRows, CacheBudget / (sizeof(double) * Math.Max(1, width)));

    /// <summary>(start, length) of each block of <paramref name="n"/> rows, in order, for temporaries <paramref name="width"/> wide.</summary>
    public static IEnumerable<(int Start, int Length)> Of(int n, int width)
    {
        int rows = RowsFor(width);
        for (int start = 0; start < n; start += rows) yield return (start, Math.Min(rows, n - start));
    }
}

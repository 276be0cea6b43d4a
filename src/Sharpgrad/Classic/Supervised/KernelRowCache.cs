using System.Runtime.CompilerServices;
namespace Sharpgrad.Classic;

/// <summary>
/// Rows of the Gram matrix K[i, ·] = k(xᵢ, ·) for <see cref="SmoSolver"/>, as LIBSVM's kernel cache (Chang &amp; Lin
/// 2011, §5.1): SMO touches two rows per iteration and mostly the same few hundred, so rows are computed on first use
/// and kept, least recently used first out, within a memory budget. Rows come from <see cref="KernelRows"/>. When
/// <c>wholeWhenFits</c> and the whole N×N matrix fits the budget it is computed at once by one GEMM instead, which is
/// faster than N row products when most rows are read: every binary problem of a one-vs-rest fit reads the same
/// matrix. A one-vs-one problem reads only some of its rows, so it asks for rows on demand, as LIBSVM does.
/// </summary>
internal sealed class KernelRowCache
{
    private readonly KernelRows kernel;
    private readonly double[]? gram;           // the whole matrix, row-major, when it fits the budget
    private readonly double[]?[] rows;
    private readonly long[] lastUse;
    private readonly int capacity;
    private int cached;
    private long clock;

    /// <param name="kernel">The kernel on the training rows.</param>
    /// <param name="budgetBytes">Memory for cached rows (scikit-learn's cache_size defaults to 200 MB).</param>
    /// <param name="wholeWhenFits">Compute the whole matrix at once when it fits the budget (for fits that read most rows).</param>
    public KernelRowCache(KernelRows kernel, long budgetBytes, bool wholeWhenFits = true)
    {
        this.kernel = kernel;
        int n = kernel.Count;
        rows = new double[n][];
        lastUse = new long[n];
        capacity = (int)Math.Clamp(budgetBytes / (8L * n), 2, n);
        Diagonal = new double[n];
        if (wholeWhenFits && capacity == n) gram = kernel.Gram();
        for (int i = 0; i < n; i++) Diagonal[i] = gram?[i * n + i] ?? kernel.Diagonal(i);
    }

    /// <summary>k(xᵢ, xᵢ) for every i.</summary>
    public double[] Diagonal { get; }

    /// <summary>How many rows were computed on demand (0 when the whole matrix fits the budget).</summary>
    public int Misses { get; private set; }

    /// <summary>Row i of K. An eviction drops only the cache's reference, so a row handed out stays valid.</summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> Row(int i)
    {
        if (gram is not null) return gram.AsSpan(i * rows.Length, rows.Length);
        lastUse[i] = ++clock;
        if (rows[i] is { } row) return row;
        Misses++;
        if (cached == capacity) Evict(except: i);
        else cached++;
        var computed = rows[i] = new double[rows.Length];
        kernel.Row(i, computed);
        return computed;
    }

    private void Evict(int except)
    {
        int oldest = -1;
        for (int t = 0; t < rows.Length; t++)
            if (rows[t] is not null && t != except && (oldest < 0 || lastUse[t] < lastUse[oldest])) oldest = t;
        rows[oldest] = null;
    }
}

using System.Numerics;
using Sharpgrad.Kernels;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// Every GEMM path this CPU can run (always scalar and Vector128, plus Vector256/Vector512 where the hardware has them)
/// against the textbook triple loop, on odd sizes (partial micro-tiles on both sides), non-square shapes, transposed and
/// strided operands read in place, accumulation into C, and block sizes small enough that k, m and n each span several
/// blocks. Tolerances are the standard rounding-error bound of a k-term dot product, |error| ≤ γₖ Σₚ|aₚbₚ| with
/// γₖ ≈ k·u (Higham, "Accuracy and Stability of Numerical Algorithms", §3.1), so they scale with k.
/// </summary>
public class GemmPathTests
{
    /// <summary>(m, k, n): odd sizes around the tile sizes (6 rows; 2–32 columns), and degenerate and non-square shapes.</summary>
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (7, 7, 7), (17, 17, 17), (33, 33, 33), (65, 65, 65), (129, 129, 129),
        (1, 129, 7), (65, 1, 33), (7, 65, 1), (129, 17, 1), (1, 33, 129), (33, 7, 65),
    ];

    private static readonly string[] Layouts = ["contiguous", "transposed", "strided"];

    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void Float32MatchesTheTripleLoop(string pathName) => AllShapesAndLayouts<float>(SimdPaths.Parse(pathName));

    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void Float64MatchesTheTripleLoop(string pathName) => AllShapesAndLayouts<double>(SimdPaths.Parse(pathName));

    private static void AllShapesAndLayouts<T>(SimdPath path) where T : unmanaged, INumber<T>
    {
        var g = new Generator(4);
        foreach (var (m, k, n) in Shapes)
            for (int layout = 0; layout < Layouts.Length; layout++)
                // A and B in different layouts, and accumulation on every other combination.
                Check<T>(g, path, m, k, n, Layouts[layout], Layouts[(layout + 1) % Layouts.Length], accumulate: layout % 2 == 1, GemmBlocking.Default);
    }

    /// <summary>
    /// Blocks of 12 rows, depth 5 and 64 (float32) or 32 (float64) columns, so that these modest sizes run every loop of
    /// the nest several times, with partial blocks and partial tiles at every edge, and accumulate over several depth
    /// blocks.
    /// </summary>
    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void SmallBlocksCrossEveryBlockEdge(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var g = new Generator(5);
        foreach (var (m, k, n) in new[] { (29, 23, 71), (13, 11, 5), (6, 5, 64), (37, 41, 97) })
            foreach (var accumulate in new[] { false, true })
            {
                Check<float>(g, path, m, k, n, "transposed", "contiguous", accumulate, new GemmBlocking(Rows: 12, Depth: 5, Columns: 64));
                Check<double>(g, path, m, k, n, "contiguous", "strided", accumulate, new GemmBlocking(Rows: 12, Depth: 5, Columns: 32));
            }
    }

    /// <summary>The production block sizes with k deeper than one depth block, n wider than one column block, m taller than one row block.</summary>
    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void DefaultBlocksWithDeepKWideNAndTallM(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var g = new Generator(6);
        var blocks = GemmBlocking.Default;
        Check<float>(g, path, 3, blocks.Depth + 45, 5, "contiguous", "transposed", accumulate: true, blocks);
        Check<float>(g, path, 2, 3, blocks.Columns + 37, "strided", "contiguous", accumulate: false, blocks);
        Check<float>(g, path, blocks.Rows + 7, 2, 3, "transposed", "contiguous", accumulate: false, blocks);
        Check<double>(g, path, 3, blocks.Depth + 45, 5, "transposed", "strided", accumulate: false, blocks);
        Check<double>(g, path, 2, 3, blocks.Columns + 37, "contiguous", "transposed", accumulate: true, blocks);
        Check<double>(g, path, blocks.Rows + 7, 2, 3, "strided", "strided", accumulate: true, blocks);
        // A full depth block (≥ GemmMicroKernel.PrefetchDepth) over full 6-row tiles and an edge row, on the vector
        // tiles and the column edge: the tiles that prefetch their C lines, with both packing ways (A row-major is
        // transposed with the next strip prefetched, B row-major is packed row by row).
        Check<float>(g, path, 13, 300, 70, "contiguous", "contiguous", accumulate: true, blocks);
        Check<float>(g, path, 13, 300, 70, "transposed", "transposed", accumulate: false, blocks);
        Check<double>(g, path, 13, 300, 70, "contiguous", "contiguous", accumulate: false, blocks);
    }

    /// <summary>C = A·B (+ C) against a float64 triple loop over the same (already rounded) values.</summary>
    private static void Check<T>(Generator g, SimdPath path, int m, int k, int n, string layoutA, string layoutB, bool accumulate, GemmBlocking blocking)
        where T : unmanaged, INumber<T>
    {
        var a = Values<T>(g, m * k);
        var b = Values<T>(g, k * n);
        var c0 = Values<T>(g, m * n);
        const int cOffset = 3;
        var c = new T[cOffset + m * n + 2];
        Array.Fill(c, T.CreateChecked(double.NaN));
        if (accumulate) c0.CopyTo(c, cOffset);     // otherwise C starts as NaN: a GEMM that reads it fails

        Gemm.Multiply(m, n, k, Operand(a, m, k, layoutA), Operand(b, k, n, layoutB), c, cOffset, accumulate, path, blocking);

        double u = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double exact = accumulate ? double.CreateChecked(c0[i * n + j]) : 0, magnitude = Math.Abs(exact);
                for (int p = 0; p < k; p++)
                {
                    double term = double.CreateChecked(a[i * k + p]) * double.CreateChecked(b[p * n + j]);
                    exact += term;
                    magnitude += Math.Abs(term);
                }
                double got = double.CreateChecked(c[cOffset + i * n + j]);
                double tol = 1.01 * (k + 1) * u * magnitude;
                if (!(Math.Abs(got - exact) <= tol))
                    Assert.Fail($"{SimdPaths.Name(path)} {typeof(T).Name} [{m},{k}]·[{k},{n}] A {layoutA}, B {layoutB}, accumulate {accumulate}, blocks {blocking}: " +
                                $"C[{i},{j}] = {got:R}, expected {exact:R} ± {tol:G3}");
            }
        Assert.True(double.IsNaN(double.CreateChecked(c[cOffset - 1])) && double.IsNaN(double.CreateChecked(c[cOffset + m * n])), "wrote outside C");
    }

    internal static T[] Values<T>(Generator g, int count) where T : INumber<T>
        => Enumerable.Range(0, count).Select(_ => T.CreateTruncating(g.NextNormal())).ToArray();

    /// <summary>
    /// The same logical row-major [rows, cols] matrix stored contiguously, as the transpose of a contiguous matrix, or
    /// every other element of wider rows; always at an offset, with NaN in every slot the GEMM must not read.
    /// </summary>
    internal static Gemm.Operand<T> Operand<T>(T[] x, int rows, int cols, string layout) where T : unmanaged, INumber<T>
    {
        const int offset = 5;
        var (rowStride, colStride) = layout switch
        {
            "contiguous" => (cols, 1),
            "transposed" => (1, rows),
            "strided" => (2 * cols + 1, 2),
            _ => throw new ArgumentException(layout),
        };
        var data = new T[offset + rows * rowStride + cols * colStride];
        Array.Fill(data, T.CreateChecked(double.NaN));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) data[offset + i * rowStride + j * colStride] = x[i * cols + j];
        return new Gemm.Operand<T>(data, offset, rowStride, colStride);
    }

    /// <summary>
    /// Operands of at most 16 KB are read in place instead of packed (A in any layout, B when its rows are contiguous
    /// and its columns fill whole strips; 32 and 64 columns fill them on every path). Checked against the triple loop in
    /// every layout, with partial row strips (13 rows), and for the same bits as the packed path (<see cref="PackedAndInPlaceAgree{T}"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void SmallOperandsReadInPlaceMatchTheTripleLoopAndThePackedBits(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var g = new Generator(8);
        foreach (var (m, k, n) in new[] { (13, 9, 32), (6, 20, 64), (1, 5, 32), (25, 31, 32) })
            for (int layout = 0; layout < Layouts.Length; layout++)
            {
                Check<float>(g, path, m, k, n, Layouts[layout], "contiguous", accumulate: layout == 1, GemmBlocking.Default);
                Check<double>(g, path, m, k, n, "contiguous", Layouts[layout], accumulate: layout == 2, GemmBlocking.Default);
            }
        PackedAndInPlaceAgree<float>(g, path);
        PackedAndInPlaceAgree<double>(g, path);
    }

    /// <summary>
    /// B read in place past its first depth block (pc &gt; 0, adding onto the first block's sums) and its first column
    /// block (jc &gt; 0), so its strips start inside the matrix: a contiguous 11 × 64 B (2.8 KB float32, 5.6 KB float64,
    /// whole strips on every path) in blocks of depth 5 and 32 columns, against the triple loop.
    /// </summary>
    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void InPlaceBAcrossDepthAndColumnBlocksMatchesTheTripleLoop(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var g = new Generator(9);
        var blocks = new GemmBlocking(Rows: 12, Depth: 5, Columns: 32);
        foreach (var layoutA in Layouts)
            foreach (var accumulate in new[] { false, true })
            {
                Check<float>(g, path, 13, 11, 64, layoutA, "contiguous", accumulate, blocks);
                Check<double>(g, path, 13, 11, 64, layoutA, "contiguous", accumulate, blocks);
            }
    }

    /// <summary>
    /// The first rows of a product whose A is packed (full 6-row tiles) against the same rows alone, A read in place, for
    /// every row count 1–13 (so the in-place edge kernel of each row count 1–5, after zero, one or two full strips); the
    /// last 1–5 rows of a product with A and B packed (the packed edge kernel) against the same rows inside a full tile;
    /// and the first columns of a product whose B is packed against the same columns alone, B read in place.
    /// </summary>
    private static void PackedAndInPlaceAgree<T>(Generator g, SimdPath path) where T : unmanaged, INumber<T>
    {
        const int k = 7, cols = 64, tall = 702, wide = 640;   // 702·7 and 7·640 elements exceed 16 KB; 702 = 117 full strips
        var a = Operand(Values<T>(g, tall * k), tall, k, "contiguous");
        var b = Operand(Values<T>(g, k * wide), k, wide, "contiguous");
        var whole = new T[tall * wide];
        Gemm.Multiply(tall, wide, k, a, b, whole, 0, accumulate: false, path, GemmBlocking.Default);
        for (int rows = 1; rows <= 13; rows++)
        {
            var top = new T[rows * cols];
            Gemm.Multiply(rows, cols, k, a, b, top, 0, accumulate: false, path, GemmBlocking.Default);
            SameBits(path, "A packed and in place", top, 0, cols, whole, 0, wide, rows, cols);
        }
        for (int edge = 1; edge < GemmMicroKernel.Rows; edge++)
        {
            int m = tall - GemmMicroKernel.Rows + edge;
            var bottom = new T[m * wide];
            Gemm.Multiply(m, wide, k, a, b, bottom, 0, accumulate: false, path, GemmBlocking.Default);
            int first = tall - GemmMicroKernel.Rows;
            SameBits(path, $"the packed {edge}-row edge and the full tile", bottom, first * wide, wide, whole, first * wide, wide, edge, wide);
        }
        const int rowsOfB = 13;
        var left = new T[rowsOfB * cols];
        Gemm.Multiply(rowsOfB, cols, k, a, b, left, 0, cols, accumulate: false, path, GemmBlocking.Default);
        SameBits(path, "B packed and in place", left, 0, cols, whole, 0, wide, rowsOfB, cols);
    }

    /// <summary>Rows × cols elements of two matrices (from the given offsets, rows the given strides apart) are bitwise equal.</summary>
    private static void SameBits<T>(SimdPath path, string what, T[] got, int gotAt, int gotStride, T[] want, int wantAt, int wantStride, int rows, int cols)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                if (!got[gotAt + i * gotStride + j].Equals(want[wantAt + i * wantStride + j]))
                    Assert.Fail($"{SimdPaths.Name(path)} {typeof(T).Name}: {what} differ at row {i}, column {j} of {rows} × {cols}: {want[wantAt + i * wantStride + j]} vs {got[gotAt + i * gotStride + j]}");
    }

    /// <summary>
    /// C is cut between threads in whole micro-tiles and each element is summed by one thread in a fixed order, so
    /// the result is bitwise the same for 1 and 2 threads, whether C is cut by rows (tall) or by columns (wide). The
    /// MLP's batch-64 shape (64 × 256) is cut by rows for float32 on Vector512 (11 row tiles of 6 against 8 column tiles of
    /// nr = 32) and by columns elsewhere (16 or more column tiles).
    /// </summary>
    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void SameBitsForOneAndTwoThreads(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var g = new Generator(7);
        foreach (var (m, k, n) in new[] { (301, 263, 47), (31, 281, 299), (131, 300, 133), (64, 300, 256) })  // k spans two depth blocks
        {
            SameBits<float>(g, path, m, k, n);
            SameBits<double>(g, path, m, k, n);
        }
    }

    private static void SameBits<T>(Generator g, SimdPath path, int m, int k, int n) where T : unmanaged, INumber<T>
    {
        var a = Operand(Values<T>(g, m * k), m, k, "transposed");
        var b = Operand(Values<T>(g, k * n), k, n, "contiguous");
        var c0 = Values<T>(g, m * n);
        var (one, two) = ThreadCounts.OneAndTwo(() =>
        {
            var c = (T[])c0.Clone();
            Gemm.Multiply(m, n, k, a, b, c, 0, accumulate: true, path, GemmBlocking.Default);
            return c;
        });
        for (int i = 0; i < one.Length; i++)
            if (!one[i].Equals(two[i])) Assert.Fail($"{SimdPaths.Name(path)} {typeof(T).Name} [{m},{k}]·[{k},{n}]: element {i} is {one[i]} with 1 thread, {two[i]} with 2");
    }

    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void EmptyDepthGivesZerosOrLeavesCUnchanged(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var a = new Gemm.Operand<float>([], 0, 0, 1);
        var b = new Gemm.Operand<float>([], 0, 3, 1);
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply(2, 3, 0, a, b, c, 0, accumulate: true, path, GemmBlocking.Default);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);
        Gemm.Multiply(2, 3, 0, a, b, c, 0, accumulate: false, path, GemmBlocking.Default);
        Assert.Equal(new float[6], c);
    }

    [Fact]
    public void OperandOutsideItsBufferIsRejected()
    {
        var a = new Gemm.Operand<double>(new double[6], 1, 3, 1);   // [2, 3] at offset 1 needs 7 elements
        var b = new Gemm.Operand<double>(new double[6], 0, 2, 1);
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 3, a, b, new double[4], 0, accumulate: false));
        Assert.Contains("Gemm: operand A [2, 3]", e.Message);
        Assert.Contains("buffer of 6", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 3, new Gemm.Operand<double>(new double[6], 0, 3, 1), b, new double[4], 1, accumulate: false));
        Assert.Contains("operand C [2, 2]", e.Message);
    }
}

namespace Sharpgrad.Kernels;

/// <summary>
/// A GEMM cut between threads by rows of C whose B must be packed: the parts pack B together, panel by panel, into one
/// shared buffer, and then each multiplies its rows against it. Cut by rows, every part reads all of B, and before this
/// each part's loop nest packed all of B itself: at 2 threads the MLP forward (784→256 at batch 64, B = Wᵀ strided)
/// spent 22% of its samples transposing B, twice over, and a square sgemm of 2048 packed its 16 MB B twice
/// (docs/performance.md, issue #21). BLIS shares the packed B block the same way when its threads split the loop over
/// row blocks (Smith et al. 2014, "Anatomy of high-performance many-threaded matrix multiplication"): each thread packs
/// a share of the block, a barrier, then every thread reads all of it.
/// <para>A panel is one column block jc of B (as the loop nest's) and as many whole depth blocks as fit in the
/// elements of one of the loop nest's B blocks (<see cref="GemmBlocking.Depth"/> × <see cref="GemmBlocking.Columns"/>,
/// 2 MB of float32): all of a 784×256 B (one pack, one join), a depth block at a time of a 2048² one (8 panels, each
/// used by 1024 rows per thread). Packed strips are laid out as the loop nest packs a block (<see cref="GemmPackedB{T}"/>),
/// and each part runs the loop nest over the panel's depth with C accumulated after the first panel, so each element
/// of C gets the same partial sums from the same micro-kernel in the same order: bitwise the result of the loop nest
/// packing B itself, at any thread count.</para>
/// </summary>
internal static class GemmSharedPanels<T, TVector, TLanes>
    where T : unmanaged, System.Numerics.INumber<T> where TVector : struct where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>
    /// Whether a cut into <paramref name="parts"/> by rows should pack B together: B is neither prepacked nor read in
    /// place, A is not prepacked (a prepacked A is indexed by depth block from the start of k, which a panel's loop nest
    /// does not see), and the duplicated packing is worth a second join: B is read along its columns (Wᵀ: packed by
    /// transposing, ~5 cycles per element against 1.3–2.2 for rows), or B holds more elements than one of the loop
    /// nest's B blocks (Depth × Columns: above 724² at the default blocks). Row-major Bs below that (sgemm 256–512, the
    /// MLP's weight gradient Gᵀ·X) measured no gain and hints of loss (docs/performance.md, "The GEMM's row cut packs B
    /// once, shared by the threads (branch share23, issue #21)").
    /// </summary>
    public static bool Applies(int parts, bool byColumns, int n, int k, Gemm.Operand<T> b, GemmPackedB<T>? packedB, GemmPackedA<T>? packedA,
        GemmBlocking blocking)
        => parts > 1 && !byColumns && packedB is null && packedA is null && !GemmLoopNest<T, TVector, TLanes>.ReadsBInPlace(b, k, n)
           && ((b.RowStride == 1 && b.ColStride != 1) || (long)k * n > (long)Math.Max(1, blocking.Depth) * Math.Max(1, blocking.Columns));

    /// <summary>
    /// C[m, n] (rows <paramref name="ldc"/> apart) = A·B (+ C), rows cut into <paramref name="parts"/> parts of whole
    /// strips out of <paramref name="tiles"/>, as <see cref="Gemm"/> cuts them.
    /// </summary>
    public static void Run(int parts, int tiles, int m, int n, int k, Gemm.Operand<T> a, Gemm.Operand<T> b,
        T[] c, int cOffset, int ldc, bool accumulate, SimdPath path, GemmBlocking blocking)
    {
        int nr = GemmMicroKernel.Columns<T, TVector, TLanes>();
        int columnBlock = Math.Max(nr, blocking.Columns / nr * nr), depthBlock = Math.Max(1, blocking.Depth);
        int paddedBlock = Math.Min(columnBlock, (n + nr - 1) / nr * nr);
        int panelDepth = (int)Math.Min(k, Math.Max(1, columnBlock / paddedBlock) * (long)depthBlock);
        var workspace = GemmWorkspace<T>.Rent();
        var (array, start) = workspace.ForSharedB(panelDepth * paddedBlock);
        for (int jc = 0; jc < n; jc += columnBlock)
        {
            int nc = Math.Min(columnBlock, n - jc);
            for (int p0 = 0; p0 < k; p0 += panelDepth)
            {
                var panel = GemmPackedB<T>.Over(array, start, Math.Min(panelDepth, k - p0), nc, path, blocking, nr);
                Pack(parts, b, p0, jc, panel);
                MultiplyRows(parts, tiles, m, a, p0, panel, c, cOffset + jc, ldc, accumulate || p0 > 0, blocking);
            }
        }
        // Not returned if an exception escapes, as in the loop nest.
        GemmWorkspace<T>.Return(workspace);
    }

    /// <summary>
    /// The parts pack disjoint runs of the panel's strips, every depth block of them, with the loop nest's packing
    /// routine; <see cref="ParallelRange.ForChunks"/> returns once all are packed, the join before any part reads it.
    /// </summary>
    private static void Pack(int parts, Gemm.Operand<T> b, int p0, int jc, GemmPackedB<T> panel)
    {
        int nr = panel.StripWidth, strips = (panel.Columns + nr - 1) / nr;
        ParallelRange.ForChunks(parts, part =>
        {
            var (first, last) = Gemm.TilesOf(part, parts, strips);
            int j0 = first * nr, j1 = Math.Min(panel.Columns, last * nr);
            for (int pc = 0; j0 < j1 && pc < panel.Rows; pc += panel.DepthBlock)
                GemmPacking.Pack(b, p0 + pc, Math.Min(panel.DepthBlock, panel.Rows - pc), jc + j0, j1 - j0, panel.From(pc, j0), nr);
        });
    }

    /// <summary>
    /// The rows of A, over the panel's depth, multiplied by the panel into the same rows of C: in the parts' even cut of
    /// whole strips, or, with at least <see cref="RowBlocksPerPart"/> row blocks of the loop nest per part, in row
    /// blocks dealt to the threads as they come free (<see cref="WorkerPool"/>). A join per panel waits for the slower
    /// thread on every panel, and the two vCPUs run up to 1.5× apart (more under load); row blocks are where the loop
    /// nest starts packing A anyway, so dealing them costs no packing. Which thread computes a row changes no bit of it.
    /// </summary>
    private static void MultiplyRows(int parts, int tiles, int m, Gemm.Operand<T> a, int p0, GemmPackedB<T> panel,
        T[] c, int cOffset, int ldc, bool accumulate, GemmBlocking blocking)
    {
        const int mr = GemmMicroKernel.Rows;
        int rowBlock = Math.Max(mr, blocking.Rows / mr * mr), rowBlocks = (m + rowBlock - 1) / rowBlock;
        bool byRowBlocks = rowBlocks >= RowBlocksPerPart * parts;
        ParallelRange.ForChunks(byRowBlocks ? rowBlocks : parts, chunk =>
        {
            var (first, last) = byRowBlocks ? (chunk * rowBlock / mr, (chunk + 1) * rowBlock / mr) : Gemm.TilesOf(chunk, parts, tiles);
            int i0 = first * mr, i1 = Math.Min(m, last * mr);
            var aPart = a with { Offset = a.Offset + i0 * a.RowStride + p0 * a.ColStride };
            GemmLoopNest<T, TVector, TLanes>.Run(i1 - i0, panel.Columns, panel.Rows, aPart, default, c, cOffset + i0 * ldc, ldc, accumulate, blocking, panel);
        });
    }

    /// <summary>Row blocks per part from which the rows are dealt by row block rather than cut evenly: 1024 rows (7 blocks of 144) at 2 threads, not 256.</summary>
    private const int RowBlocksPerPart = 3;
}

using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The five loops around the micro-kernel (Goto &amp; van de Geijn 2008; the BLIS loop nest jc → pc → ic → jr → ir):
/// column blocks of B, depth blocks (pack B), row blocks of A (pack A), then one 6-row strip of A at a time against
/// every strip of B. The innermost loop runs over B's strips, so the A strip (6 × depth, 6 KB for float32) stays in L1
/// while B's strips stream from L2: the broadcast operand stays put, the vector operand streams, as in BLIS (whose
/// column-major kernels broadcast from B, hence its jr → ir naming for the same order). Written once;
/// <typeparamref name="TLanes"/> picks the register width, so every path and both float types share this code.
/// Runs on the calling thread; <see cref="Gemm"/> splits C between threads and calls this once per part.
/// </summary>
internal static class GemmLoopNest<T, TVector, TLanes>
    where T : unmanaged, System.Numerics.INumber<T> where TVector : struct where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>
    /// C[m, n] (rows <paramref name="ldc"/> apart from <paramref name="cOffset"/>) = A·B, or += A·B when accumulating.
    /// With <paramref name="prepacked"/>, B is its columns from <paramref name="prepackedColumn"/> on, already packed,
    /// and <paramref name="b"/> is not read; with <paramref name="prepackedA"/>, A is its rows from
    /// <paramref name="prepackedRow"/> on, already packed, and <paramref name="a"/> is not read.
    /// </summary>
    // Straight to optimised code, skipping tier 0: a benchmark or a training step can finish before tiering catches up,
    // and tier-0 packing (every Unsafe.Add a call) ran several times slower than the multiply it feeds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int m, int n, int k, Gemm.Operand<T> a, Gemm.Operand<T> b, T[] c, int cOffset, int ldc, bool accumulate, GemmBlocking blocking,
        GemmPackedB<T>? prepacked = null, int prepackedColumn = 0, GemmPackedA<T>? prepackedA = null, int prepackedRow = 0)
    {
        const int mr = GemmMicroKernel.Rows;
        int nr = GemmMicroKernel.Columns<T, TVector, TLanes>();
        int rowBlock = Math.Max(mr, blocking.Rows / mr * mr);
        int columnBlock = Math.Max(nr, blocking.Columns / nr * nr);
        int depthBlock = Math.Max(1, blocking.Depth);
        int kc = Math.Min(depthBlock, k);
        var workspace = GemmWorkspace<T>.Rent();
        bool directA = prepackedA is null && ReadInPlace(a, m, k), directB = prepacked is null && b.ColStride == 1 && n % nr == 0 && ReadInPlace(b, k, n);
        var packedB = directB || prepacked is not null ? default : workspace.ForB(kc * Math.Min(columnBlock, RoundUp(n, nr)));
        // Read in place, A's last strip of fewer than mr rows is read in place too, by the kernel for that row count.
        var packedA = prepackedA is not null || directA ? default : workspace.ForA(Math.Min(rowBlock, RoundUp(m, mr)) * kc);
        var aTransposed = new Gemm.Operand<T>(a.Data, a.Offset, a.ColStride, a.RowStride);
        Span<T> edge = stackalloc T[mr * nr];
        nint aRow = directA ? a.RowStride : 1, aStep = directA ? a.ColStride : mr, bStep = directB ? b.RowStride : nr;
        bool packed = !directA && !directB;

        for (int jc = 0; jc < n; jc += columnBlock)
        {
            int nc = Math.Min(columnBlock, n - jc);
            for (int pc = 0; pc < k; pc += depthBlock)
            {
                kc = Math.Min(depthBlock, k - pc);
                bool overwrite = pc == 0 && !accumulate;
                // A shallow product's tiles are not prefetched by the kernel (GemmMicroKernel.PrefetchDepth), and its
                // output is typically fresh memory, out of cache (a new tensor per call): each tile fetches the next
                // tile's C lines so that they arrive while it runs, instead of its stores waiting for them at its end.
                // At 64³ into a fresh array those writes cost a fifth of the product. Kept down to the shortest tiles: at 32
                // steps (attention's k = 32) it was measured against starting at 64 and was the better of the two
                // (docs/performance.md, "GEMM: six-row A strips packed eight steps at a time, and the next tile's C
                // prefetched in shallow products (branch gemm22, issue #21)", §7).
                bool prefetchNextC = pc == 0 && kc < GemmMicroKernel.PrefetchDepth;
                if (prepacked is not null) packedB = prepacked.From(pc, prepackedColumn + jc);
                else if (!directB) GemmPacking.Pack(b, pc, kc, jc, nc, packedB, nr);
                for (int ic = 0; ic < m; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, m - ic);
                    if (prepackedA is not null) packedA = prepackedA.From(pc, prepackedRow + ic);
                    else if (!directA) GemmPacking.Pack(aTransposed, pc, kc, ic, mc, packedA, mr);
                    for (int ir = 0; ir < mc; ir += mr)
                    {
                        int rows = Math.Min(mr, mc - ir);
                        ref T aStrip = ref directA ? ref a.Data[a.Offset + (ic + ir) * a.RowStride + pc * a.ColStride] : ref packedA[ir * kc];
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            ref T bStrip = ref directB ? ref b.Data[b.Offset + pc * b.RowStride + jc + jr] : ref packedB[jr * kc];
                            int cols = Math.Min(nr, nc - jr);
                            int cAt = cOffset + (ic + ir) * ldc + jc + jr;
                            if (prefetchNextC) PrefetchNextTile(c, cAt, ldc, ir, jr, mc, nc, rows);
                            if (cols == nr)
                                Tile(rows, packed, kc, ref aStrip, aRow, aStep, ref bStrip, bStep, ref c[cAt], ldc, overwrite);
                            else
                            {
                                // A partial tile is computed whole into a scratch tile (the packed B strip is zero-padded)
                                // and only its valid part is added to C, with the same additions the full tile makes.
                                Tile(rows, packed, kc, ref aStrip, aRow, aStep, ref bStrip, bStep, ref edge[0], nr, overwrite: true);
                                AddEdge(edge, nr, c, cAt, ldc, rows, cols, overwrite);
                            }
                        }
                    }
                }
            }
        }
        // Not returned if an exception escapes: the pool then allocates a new one, which is all that is lost.
        GemmWorkspace<T>.Return(workspace);
    }

    /// <summary>One tile of <paramref name="rows"/> (at most <see cref="GemmMicroKernel.Rows"/>) rows of C: the kernel instantiation for that row count and layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int rows, bool packed, int kc, ref T a, nint aRow, nint aStep, ref T b, nint bStep, ref T c, int ldc, bool overwrite)
    {
        switch (rows)
        {
            case GemmMicroKernel.Rows: Tile<SixRows>(packed, kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite); break;
            case 5: Tile<FiveRows>(packed, kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite); break;
            case 4: Tile<FourRows>(packed, kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite); break;
            case 3: Tile<ThreeRows>(packed, kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite); break;
            case 2: Tile<TwoRows>(packed, kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite); break;
            default: Tile<OneRow>(packed, kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TRows>(bool packed, int kc, ref T a, nint aRow, nint aStep, ref T b, nint bStep, ref T c, int ldc, bool overwrite)
        where TRows : ITileRows
    {
        if (packed) GemmMicroKernel.Run<T, TVector, TLanes, PackedStrips, TRows>(kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite);
        else GemmMicroKernel.Run<T, TVector, TLanes, StridedStrips, TRows>(kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, overwrite);
    }

    /// <summary>
    /// Prefetches the C lines of the tile after the one at <paramref name="cAt"/> (row <paramref name="ir"/>, column
    /// <paramref name="jr"/> of the block): the next along the strip, or at the end of the strip the first of the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchNextTile(T[] c, int cAt, int ldc, int ir, int jr, int mc, int nc, int rows)
    {
        const int mr = GemmMicroKernel.Rows;
        int nr = GemmMicroKernel.Columns<T, TVector, TLanes>();
        if (jr + nr < nc) CachePrefetch.Runs(ref c[cAt + nr], ldc, rows, Math.Min(nr, nc - jr - nr));
        else if (ir + mr < mc) CachePrefetch.Runs(ref c[cAt - jr + mr * ldc], ldc, Math.Min(mr, mc - ir - mr), Math.Min(nr, nc));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEdge(Span<T> tile, int tileWidth, T[] c, int cAt, int ldc, int rows, int cols, bool overwrite)
    {
        for (int r = 0; r < rows; r++)
        {
            var from = tile.Slice(r * tileWidth, cols);
            var to = c.AsSpan(cAt + r * ldc, cols);
            if (overwrite) from.CopyTo(to);
            else
                for (int j = 0; j < cols; j++) to[j] += from[j];
        }
    }

    /// <summary>
    /// Whether an operand of <paramref name="rows"/> × <paramref name="cols"/> is read in place rather than packed: when
    /// one of its strides is 1 and the memory it spans, (rows − 1)·RowStride + (cols − 1)·ColStride + 1 elements, fits
    /// in half of L1 (16 KB). Packing pays when a packed strip is reused across many strips of the other operand and
    /// saves cache misses; a small operand stays in L1 anyway, and packing it was a third of the kernel's time in the
    /// batched attention products (k = 32, docs/performance.md). A strided view spans more than its logical size (a
    /// column of a wide matrix touches a cache line per element), so the span, not the element count, is what must fit.
    /// Reading in place multiplies the same values in the same order, so the choice never changes a bit of the result.
    /// </summary>
    private static bool ReadInPlace(Gemm.Operand<T> operand, int rows, int cols)
    {
        if (rows == 0 || cols == 0) return true;
        if (operand.RowStride != 1 && operand.ColStride != 1) return false;
        long span = (rows - 1L) * Math.Abs(operand.RowStride) + (cols - 1L) * Math.Abs(operand.ColStride) + 1;
        return span * Unsafe.SizeOf<T>() <= Gemm.InPlaceBytes;
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}

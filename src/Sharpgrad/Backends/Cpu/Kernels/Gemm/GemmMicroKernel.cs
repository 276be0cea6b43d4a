using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The innermost block of the GEMM: a <see cref="Rows"/> × (2 registers) tile of C held in twelve registers while
/// k runs, so each step of k costs two loads of B, six broadcasts of A and twelve fused multiply-adds, and C is read
/// and written once per tile (Goto &amp; van de Geijn 2008, "Anatomy of high-performance matrix multiplication", §6;
/// Low et al. 2016, "Analytical modeling is enough for high-performance BLIS"). Twelve accumulators, two B registers
/// and a broadcast fit in the 16 registers of AVX2 and SSE; on this tile shape a Zen 4 core measured at its FMA
/// peak for both 256- and 512-bit registers, so wider tiles buy nothing there.
/// </summary>
internal static class GemmMicroKernel
{
    public const int Rows = 6;

    /// <summary>
    /// The depth from which a tile prefetches its C lines: three quarters of the depth block a large product runs at
    /// (256), above the 128 steps of <see cref="GemmPeakProbe"/>'s calls, so the probe times the bare loop on its C tile in L1.
    /// </summary>
    internal const int PrefetchDepth = 192;

    /// <summary>Columns of the tile: two registers' worth.</summary>
    public static int Columns<T, TVector, TLanes>() where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector>
        => 2 * TLanes.Count;

    /// <summary>
    /// tile = Σₚ a[p]·b[p] over p &lt; depth, then C = tile (<paramref name="overwrite"/>) or C = C + tile.
    /// <paramref name="a"/>: a packed strip, <see cref="Rows"/> values per step of p; <paramref name="b"/>: a packed
    /// strip, <see cref="Columns"/> values per step; <paramref name="c"/>: the tile's top-left element, rows
    /// <paramref name="ldc"/> apart. Each element's sum runs in increasing p from zero, whatever the tile's position,
    /// which is what keeps results independent of how the work is split between threads.
    /// </summary>
    // Inlined so that a caller's timed loop (GemmPeakProbe) runs the optimised kernel below without an extra call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<T, TVector, TLanes>(int depth, ref T a, ref T b, ref T c, int ldc, bool overwrite)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector>
        => Run<T, TVector, TLanes, PackedStrips, SixRows>(depth, ref a, 1, Rows, ref b, Columns<T, TVector, TLanes>(), ref c, ldc, overwrite);

    /// <summary>
    /// As above on strips read in place: row r of the A strip at step p is <c>a[r·aRow + p·aStep]</c>, and the
    /// <see cref="Columns"/> contiguous values of the B strip at step p start at <c>b[p·bStep]</c>. A packed strip is
    /// (aRow, aStep, bStep) = (1, <see cref="Rows"/>, <see cref="Columns"/>); a row-major A in place is (lda, 1), a
    /// row-major B in place has bStep = ldb. The same multiply-adds in the same order either way, so a product gives
    /// the same bits whether or not its operands were packed. <typeparamref name="TLayout"/> says whether the strides are
    /// the packed ones, which are then constants the JIT folds into the addressing (<see cref="PackedStrips"/>).
    /// <para>With <typeparamref name="TRows"/> fewer than <see cref="Rows"/>, only that many rows of A are read and of C
    /// written (the bottom edge of C); each element's sum is the same chain of multiply-adds as in the full tile.</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TVector, TLanes, TLayout, TRows>(int depth, ref T a, nint aRow, nint aStep, ref T b, nint bStep, ref T c, int ldc, bool overwrite)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector> where TLayout : IStripLayout where TRows : ITileRows
    {
        if (TLayout.Packed) (aRow, aStep, bStep) = (1, Rows, 2 * TLanes.Count);
        // Only in deep tiles. Below this depth the loop nest does it instead, one tile ahead: each tile fetches the next
        // tile's C lines, at every depth below this one, attention's 32 steps included (GemmLoopNest, prefetchNextC).
        // The lines arrive while the loop runs instead of stalling the stores at its end: a large product's C does not
        // stay in L2 between depth blocks. BLIS's kernels do the same (its Haswell sgemm 6×16 kernel, flame/blis
        // kernels/haswell/3/bli_gemm_haswell_asm_d6x8.c, prefetches each of C's six rows before its loop over k).
        if (depth >= PrefetchDepth) CachePrefetch.Runs(ref c, ldc, TRows.Count, 2 * TLanes.Count);
        // Every broadcast is one addressing mode: a base plus a constant (packed) or a loop-invariant index (in place).
        nint a2 = 2 * aRow, a3 = 3 * aRow, a4 = 4 * aRow, a5 = 5 * aRow;
        TVector c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVector c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // The last step is peeled so that the strips' refs never step past their last element: after the last step
        // of a transposed A or a B read in place they would point beyond the array, and the GC may take such a byref
        // for an interior pointer into the next object. The loop itself is the one the kernel always ran.
        for (int p = 1; p < depth; p++)
        {
            Step<T, TVector, TLanes, TRows>(ref a, aRow, a2, a3, a4, a5, ref b,
                ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a = ref Unsafe.Add(ref a, aStep);
            b = ref Unsafe.Add(ref b, bStep);
        }
        if (depth > 0)
            Step<T, TVector, TLanes, TRows>(ref a, aRow, a2, a3, a4, a5, ref b,
                ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
        StoreRow<T, TVector, TLanes>(ref c, c00, c01, overwrite);
        if (TRows.Count > 1) StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref c, ldc), c10, c11, overwrite);
        if (TRows.Count > 2) StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, overwrite);
        if (TRows.Count > 3) StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, overwrite);
        if (TRows.Count > 4) StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, overwrite);
        if (TRows.Count > 5) StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, overwrite);
    }

    /// <summary>
    /// One step of p: two loads of B, one broadcast of A per row and two multiply-adds per row into that row's
    /// accumulators. Rows past <typeparamref name="TRows"/>' count are dropped by the JIT (a constant of the instantiation).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<T, TVector, TLanes, TRows>(ref T a, nint aRow, nint a2, nint a3, nint a4, nint a5, ref T b,
        ref TVector c00, ref TVector c01, ref TVector c10, ref TVector c11, ref TVector c20, ref TVector c21,
        ref TVector c30, ref TVector c31, ref TVector c40, ref TVector c41, ref TVector c50, ref TVector c51)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector> where TRows : ITileRows
    {
        TVector b0 = TLanes.Load(ref b), b1 = TLanes.Load(ref Unsafe.Add(ref b, TLanes.Count));
        TVector x = TLanes.Broadcast(a);
        c00 = TLanes.MultiplyAdd(x, b0, c00); c01 = TLanes.MultiplyAdd(x, b1, c01);
        if (TRows.Count > 1) { x = TLanes.Broadcast(Unsafe.Add(ref a, aRow)); c10 = TLanes.MultiplyAdd(x, b0, c10); c11 = TLanes.MultiplyAdd(x, b1, c11); }
        if (TRows.Count > 2) { x = TLanes.Broadcast(Unsafe.Add(ref a, a2)); c20 = TLanes.MultiplyAdd(x, b0, c20); c21 = TLanes.MultiplyAdd(x, b1, c21); }
        if (TRows.Count > 3) { x = TLanes.Broadcast(Unsafe.Add(ref a, a3)); c30 = TLanes.MultiplyAdd(x, b0, c30); c31 = TLanes.MultiplyAdd(x, b1, c31); }
        if (TRows.Count > 4) { x = TLanes.Broadcast(Unsafe.Add(ref a, a4)); c40 = TLanes.MultiplyAdd(x, b0, c40); c41 = TLanes.MultiplyAdd(x, b1, c41); }
        if (TRows.Count > 5) { x = TLanes.Broadcast(Unsafe.Add(ref a, a5)); c50 = TLanes.MultiplyAdd(x, b0, c50); c51 = TLanes.MultiplyAdd(x, b1, c51); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TVector, TLanes>(ref T c, TVector left, TVector right, bool overwrite)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector>
    {
        ref T c1 = ref Unsafe.Add(ref c, TLanes.Count);
        if (!overwrite)
        {
            left = TLanes.Add(TLanes.Load(ref c), left);
            right = TLanes.Add(TLanes.Load(ref c1), right);
        }
        TLanes.Store(ref c, left);
        TLanes.Store(ref c1, right);
    }
}

/// <summary>How the micro-kernel's strips are laid out: packed (strides known at compile time) or read in place.</summary>
internal interface IStripLayout
{
    static abstract bool Packed { get; }
}

/// <summary>Packed strips (<see cref="GemmPacking"/>): the kernel ignores the strides it is given and uses the packed ones.</summary>
internal readonly struct PackedStrips : IStripLayout
{
    public static bool Packed => true;
}

/// <summary>Strips read in place with the strides given.</summary>
internal readonly struct StridedStrips : IStripLayout
{
    public static bool Packed => false;
}

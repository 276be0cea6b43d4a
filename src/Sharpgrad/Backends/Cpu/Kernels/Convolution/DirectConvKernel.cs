using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The register tile of <see cref="DirectConvolution"/>: six output channels × up to four vectors of adjacent extended
/// positions (<see cref="DirectConvPlan"/>), held in up to 24 registers while the taps run. Each tap costs one
/// broadcast weight per channel and one vector load of the padded image per vector,
/// <code>
///   acc[r, v] += w[o + r, p] · buffer[tapRow(p) + kw(p)·dilation + j + v·lanes ..]
/// </code>
/// so the image is read in place, never copied into columns; on AVX-512 the six broadcasts and four loads feed 24
/// fused multiply-adds. The weights are read as they are stored, [O, (C/G)·K]: a block's six rows stay in L1 while its
/// tiles run (13.5 KB at 64 input channels, 3×3).
/// </summary>
/// <remarks>
/// Each accumulator starts from its channel's bias and sums its products in increasing tap order, whatever the tile's
/// place or width: the bits depend on the problem alone. The tile's width is a type, so the JIT compiles one loop per
/// width with the unused accumulators removed (the last tile of an image may have fewer vectors).
/// </remarks>
internal static class DirectConvKernel
{
    public const int Rows = 6;

    /// <summary>
    /// tile[r·stride + v·lanes ..] = bias[r] + Σ over taps of w[wRows[r] + p] · x[x0 + tap offset + vectorOffsets[v] ..], for
    /// r &lt; 6, v &lt; <typeparamref name="TWidth"/>'s vectors; the taps are (tap row, kw) for each of
    /// <paramref name="tapRows"/> and kw &lt; <paramref name="kernelWidth"/>, p counting them in that order; the tile's
    /// row stride is a sixth of its length, so that tiles of every width share one layout. x's first
    /// <paramref name="xLength"/> elements are the padded images (a pooled array may be longer), and
    /// <paramref name="tapRows"/> ascend, so one check of the last tap bounds every read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TVector, TLanes, TWidth>(T[] w, ReadOnlySpan<int> wRows, T[] x, int xLength, int x0, ReadOnlySpan<int> vectorOffsets,
        int[] tapRows, int kernelWidth, int dilation, ReadOnlySpan<T> bias, Span<T> tile)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector> where TWidth : ITileWidth
    {
        int lanes = TLanes.Count, width = TWidth.Vectors * lanes, depth = tapRows.Length * kernelWidth, stride = tile.Length / Rows;
        if (wRows.Length != Rows || bias.Length != Rows || stride < width || tapRows.Length == 0 || vectorOffsets.Length < TWidth.Vectors)
            throw new ArgumentException($"DirectConvKernel: {wRows.Length} weight rows, {bias.Length} biases, a tile of {tile.Length} for {Rows}×{width}, "
                + $"{vectorOffsets.Length} vector offsets.");
        foreach (int row in wRows)
            if (row < 0 || (long)row + depth > w.Length) throw new ArgumentException($"DirectConvKernel: weight row at {row} of {depth} overruns {w.Length}.");
        // The vectors' offsets ascend from 0, so the last vector's end bounds every read along with the last tap.
        for (int v = 1; v < TWidth.Vectors; v++)
            if (vectorOffsets[v] < vectorOffsets[v - 1] + lanes || vectorOffsets[0] != 0)
                throw new ArgumentException($"DirectConvKernel: vector offsets {string.Join(", ", vectorOffsets.ToArray())} do not ascend from 0 a vector apart.");
        nint v1 = TWidth.Vectors > 1 ? vectorOffsets[1] : 0, v2 = TWidth.Vectors > 2 ? vectorOffsets[2] : 0, v3 = TWidth.Vectors > 3 ? vectorOffsets[3] : 0;
        long lastRead = (long)x0 + tapRows[^1] + (long)(kernelWidth - 1) * dilation + vectorOffsets[TWidth.Vectors - 1] + lanes;
        if (x0 < 0 || tapRows[0] < 0 || lastRead > Math.Min(xLength, x.Length))
            throw new ArgumentException($"DirectConvKernel: the tile at {x0} reads to {lastRead} of a buffer of {xLength}.");

        ref T image = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), x0);
        ref T w0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w), wRows[0]);
        nint o1 = wRows[1] - wRows[0], o2 = wRows[2] - wRows[0], o3 = wRows[3] - wRows[0], o4 = wRows[4] - wRows[0], o5 = wRows[5] - wRows[0];
        TVector c00 = TLanes.Broadcast(bias[0]), c10 = TLanes.Broadcast(bias[1]), c20 = TLanes.Broadcast(bias[2]);
        TVector c30 = TLanes.Broadcast(bias[3]), c40 = TLanes.Broadcast(bias[4]), c50 = TLanes.Broadcast(bias[5]);
        TVector c01 = c00, c11 = c10, c21 = c20, c31 = c30, c41 = c40, c51 = c50;
        TVector c02 = c00, c12 = c10, c22 = c20, c32 = c30, c42 = c40, c52 = c50;
        TVector c03 = c00, c13 = c10, c23 = c20, c33 = c30, c43 = c40, c53 = c50;
        nint p = 0;
        foreach (int tapRow in tapRows)
        {
            ref T row = ref Unsafe.Add(ref image, tapRow);
            for (int kw = 0; kw < kernelWidth; kw++, p++)
            {
                ref T at = ref Unsafe.Add(ref row, kw * dilation);
                TVector x0v = TLanes.Load(ref at);
                TVector x1v = TWidth.Vectors > 1 ? TLanes.Load(ref Unsafe.Add(ref at, v1)) : default;
                TVector x2v = TWidth.Vectors > 2 ? TLanes.Load(ref Unsafe.Add(ref at, v2)) : default;
                TVector x3v = TWidth.Vectors > 3 ? TLanes.Load(ref Unsafe.Add(ref at, v3)) : default;
                ref T wp = ref Unsafe.Add(ref w0, p);
                Row<T, TVector, TLanes, TWidth>(TLanes.Broadcast(wp), x0v, x1v, x2v, x3v, ref c00, ref c01, ref c02, ref c03);
                Row<T, TVector, TLanes, TWidth>(TLanes.Broadcast(Unsafe.Add(ref wp, o1)), x0v, x1v, x2v, x3v, ref c10, ref c11, ref c12, ref c13);
                Row<T, TVector, TLanes, TWidth>(TLanes.Broadcast(Unsafe.Add(ref wp, o2)), x0v, x1v, x2v, x3v, ref c20, ref c21, ref c22, ref c23);
                Row<T, TVector, TLanes, TWidth>(TLanes.Broadcast(Unsafe.Add(ref wp, o3)), x0v, x1v, x2v, x3v, ref c30, ref c31, ref c32, ref c33);
                Row<T, TVector, TLanes, TWidth>(TLanes.Broadcast(Unsafe.Add(ref wp, o4)), x0v, x1v, x2v, x3v, ref c40, ref c41, ref c42, ref c43);
                Row<T, TVector, TLanes, TWidth>(TLanes.Broadcast(Unsafe.Add(ref wp, o5)), x0v, x1v, x2v, x3v, ref c50, ref c51, ref c52, ref c53);
            }
        }
        ref T t = ref MemoryMarshal.GetReference(tile);
        Store<T, TVector, TLanes, TWidth>(ref t, c00, c01, c02, c03);
        Store<T, TVector, TLanes, TWidth>(ref Unsafe.Add(ref t, stride), c10, c11, c12, c13);
        Store<T, TVector, TLanes, TWidth>(ref Unsafe.Add(ref t, 2 * stride), c20, c21, c22, c23);
        Store<T, TVector, TLanes, TWidth>(ref Unsafe.Add(ref t, 3 * stride), c30, c31, c32, c33);
        Store<T, TVector, TLanes, TWidth>(ref Unsafe.Add(ref t, 4 * stride), c40, c41, c42, c43);
        Store<T, TVector, TLanes, TWidth>(ref Unsafe.Add(ref t, 5 * stride), c50, c51, c52, c53);
    }

    /// <summary>One channel's accumulators += its broadcast weight times each loaded vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<T, TVector, TLanes, TWidth>(TVector weight, TVector x0, TVector x1, TVector x2, TVector x3,
        ref TVector c0, ref TVector c1, ref TVector c2, ref TVector c3)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector> where TWidth : ITileWidth
    {
        c0 = TLanes.MultiplyAdd(weight, x0, c0);
        if (TWidth.Vectors > 1) c1 = TLanes.MultiplyAdd(weight, x1, c1);
        if (TWidth.Vectors > 2) c2 = TLanes.MultiplyAdd(weight, x2, c2);
        if (TWidth.Vectors > 3) c3 = TLanes.MultiplyAdd(weight, x3, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TVector, TLanes, TWidth>(ref T row, TVector c0, TVector c1, TVector c2, TVector c3)
        where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector> where TWidth : ITileWidth
    {
        TLanes.Store(ref row, c0);
        if (TWidth.Vectors > 1) TLanes.Store(ref Unsafe.Add(ref row, TLanes.Count), c1);
        if (TWidth.Vectors > 2) TLanes.Store(ref Unsafe.Add(ref row, 2 * TLanes.Count), c2);
        if (TWidth.Vectors > 3) TLanes.Store(ref Unsafe.Add(ref row, 3 * TLanes.Count), c3);
    }

    /// <summary>How many vectors of positions a tile holds; a struct per width, so each compiles to its own loop.</summary>
    internal interface ITileWidth
    {
        static abstract int Vectors { get; }
    }

    internal readonly struct OneVector : ITileWidth
    {
        public static int Vectors => 1;
    }

    internal readonly struct TwoVectors : ITileWidth
    {
        public static int Vectors => 2;
    }

    internal readonly struct ThreeVectors : ITileWidth
    {
        public static int Vectors => 3;
    }

    internal readonly struct FourVectors : ITileWidth
    {
        public static int Vectors => 4;
    }
}

using System.Numerics;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// C = A·B (+ C when <c>accumulate</c>) for operands given by offset, row stride and column stride, so transposed and
/// strided views are multiplied in place. A packed, cache-blocked GEMM (<see cref="GemmLoopNest{T, TVector, TLanes}"/>)
/// around a register-tiled FMA micro-kernel (<see cref="GemmMicroKernel"/>), at the widest SIMD width the CPU runs
/// (<see cref="SimdPaths"/>).
/// <para>Determinism: C is cut between threads into parts of whole micro-tiles, and each element of C is computed by
/// one thread, summing over k in the same order whatever the part it falls in, so results are bitwise identical for
/// any <see cref="Threads.Count"/>. (They can differ in the last bits between paths: the scalar path does not fuse.)</para>
/// </summary>
internal static class Gemm
{
    public readonly record struct Operand<T>(T[] Data, int Offset, int RowStride, int ColStride) where T : unmanaged
    {
        public T this[int row, int col] => Data[Offset + row * RowStride + col * ColStride];
    }

    /// <summary>
    /// Multiply-adds below this many per thread are not worth waking another thread for (a hand-off costs a few
    /// microseconds; a core does about 60 000 multiply-adds per microsecond at full speed).
    /// </summary>
    internal const long MinWorkPerThread = 1L << 20;

    /// <summary>
    /// An operand spanning at most this many bytes (half of L1) is read in place rather than packed
    /// (<see cref="GemmLoopNest{T, TVector, TLanes}"/>'s ReadInPlace): it stays in L1 anyway.
    /// </summary>
    internal const int InPlaceBytes = 16 * 1024;

    public static void Multiply<T>(int m, int n, int k, Operand<T> a, Operand<T> b, T[] c, int cOffset, bool accumulate)
        where T : unmanaged, INumber<T>
        => Multiply(m, n, k, a, b, c, cOffset, n, accumulate, SimdPaths.Selected, GemmBlocking.Default);

    /// <summary>
    /// As above, with C's rows <paramref name="ldc"/> elements apart: a block of columns of a wider matrix, such as
    /// one tile of output positions of a convolution's output plane.
    /// </summary>
    public static void Multiply<T>(int m, int n, int k, Operand<T> a, Operand<T> b, T[] c, int cOffset, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
        => Multiply(m, n, k, a, b, c, cOffset, ldc, accumulate, SimdPaths.Selected, GemmBlocking.Default);

    /// <summary>As above, on a chosen path and with chosen block sizes (tests use small blocks to reach every edge).</summary>
    internal static void Multiply<T>(int m, int n, int k, Operand<T> a, Operand<T> b, T[] c, int cOffset, bool accumulate, SimdPath path, GemmBlocking blocking)
        where T : unmanaged, INumber<T>
        => Multiply(m, n, k, a, b, c, cOffset, n, accumulate, path, blocking);

    internal static void Multiply<T>(int m, int n, int k, Operand<T> a, Operand<T> b, T[] c, int cOffset, int ldc, bool accumulate, SimdPath path, GemmBlocking blocking)
        where T : unmanaged, INumber<T>
    {
        CheckBounds(b, k, n, "B");
        Multiply(m, n, k, a, b, null, null, c, cOffset, ldc, accumulate, path, blocking);
    }

    /// <summary>
    /// C[m, n] = A·B (+ C) with B packed beforehand (<see cref="GemmPackedB{T}"/>), on the path and depth block it was
    /// packed for: bitwise the result of the call with B itself.
    /// </summary>
    public static void Multiply<T>(int m, Operand<T> a, GemmPackedB<T> b, T[] c, int cOffset, bool accumulate)
        where T : unmanaged, INumber<T>
        => Multiply(m, a, b, c, cOffset, b.Columns, accumulate, GemmBlocking.Default);

    internal static void Multiply<T>(int m, Operand<T> a, GemmPackedB<T> b, T[] c, int cOffset, int ldc, bool accumulate, GemmBlocking blocking)
        where T : unmanaged, INumber<T>
    {
        if (Math.Max(1, blocking.Depth) != b.DepthBlock)  // Pack and the loop nest both clamp the depth block to ≥ 1
            throw new ArgumentException($"Gemm: B was packed in depth blocks of {b.DepthBlock}, not the {blocking.Depth} asked for.");
        Multiply(m, b.Columns, b.Rows, a, default, b, null, c, cOffset, ldc, accumulate, b.Path, blocking);
    }

    /// <summary>
    /// C[m, n] = A·B (+ C), C's rows <paramref name="ldc"/> apart, with A packed beforehand (<see cref="GemmPackedA{T}"/>),
    /// on the path and depth block it was packed for: bitwise the result of the call with A itself.
    /// </summary>
    public static void Multiply<T>(GemmPackedA<T> a, int n, Operand<T> b, T[] c, int cOffset, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
        => Multiply(a, n, b, c, cOffset, ldc, accumulate, GemmBlocking.Default);

    internal static void Multiply<T>(GemmPackedA<T> a, int n, Operand<T> b, T[] c, int cOffset, int ldc, bool accumulate, GemmBlocking blocking)
        where T : unmanaged, INumber<T>
    {
        if (Math.Max(1, blocking.Depth) != a.DepthBlock)
            throw new ArgumentException($"Gemm: A was packed in depth blocks of {a.DepthBlock}, not the {blocking.Depth} asked for.");
        CheckBounds(b, a.Depth, n, "B");
        Multiply(a.Rows, n, a.Depth, default, b, null, a, c, cOffset, ldc, accumulate, a.Path, blocking);
    }

    /// <summary>
    /// C[m, n] = A·B (+ C), C's rows <paramref name="ldc"/> apart, with both operands packed beforehand, on the path and
    /// depth block they were packed for: bitwise the result of the call with A and B themselves.
    /// </summary>
    internal static void Multiply<T>(GemmPackedA<T> a, GemmPackedB<T> b, T[] c, int cOffset, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        if (a.Depth != b.Rows || a.Path != b.Path || a.DepthBlock != b.DepthBlock || b.DepthBlock != Math.Max(1, GemmBlocking.Default.Depth))
            throw new ArgumentException(
                $"Gemm: packed A [{a.Rows}, {a.Depth}] ({SimdPaths.Name(a.Path)}, depth blocks of {a.DepthBlock}) and packed B [{b.Rows}, {b.Columns}] ({SimdPaths.Name(b.Path)}, depth blocks of {b.DepthBlock}) do not make a product.");
        Multiply(a.Rows, b.Columns, a.Depth, default, default, b, a, c, cOffset, ldc, accumulate, a.Path, GemmBlocking.Default);
    }

    private static void Multiply<T>(int m, int n, int k, Operand<T> a, Operand<T> b, GemmPackedB<T>? packedB, GemmPackedA<T>? packedA,
        T[] c, int cOffset, int ldc, bool accumulate, SimdPath path, GemmBlocking blocking)
        where T : unmanaged, INumber<T>
    {
        if (packedA is null) CheckBounds(a, m, k, "A");
        if (ldc < n) throw new ArgumentException($"Gemm: C's row stride {ldc} is shorter than its {n} columns.");
        CheckBounds(new Operand<T>(c, cOffset, ldc, 1), m, n, "C");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.AsSpan(cOffset + i * ldc, n).Clear();
            return;
        }
        if (!SimdPaths.IsAvailable(path))
            throw new ArgumentException($"Gemm: the {SimdPaths.Name(path)} path is not available on this CPU.", nameof(path));
        path = GemmPackedB<T>.PathFor(path);
        switch (path)
        {
            case SimdPath.Vector512: Split<T, Vector512<T>, Vector512Lanes<T>>(m, n, k, a, b, packedB, packedA, c, cOffset, ldc, accumulate, blocking); break;
            case SimdPath.Vector256: Split<T, Vector256<T>, Vector256Lanes<T>>(m, n, k, a, b, packedB, packedA, c, cOffset, ldc, accumulate, blocking); break;
            case SimdPath.Vector128: Split<T, Vector128<T>, Vector128Lanes<T>>(m, n, k, a, b, packedB, packedA, c, cOffset, ldc, accumulate, blocking); break;
            default: Split<T, T, ScalarLanes<T>>(m, n, k, a, b, packedB, packedA, c, cOffset, ldc, accumulate, blocking); break;
        }
    }

    /// <summary>
    /// Cuts C into parts of whole micro-tiles along its longer side (in tiles) and runs the loop nest on each part.
    /// Small products stay on the calling thread, called directly: the parts' lambda and its captured state live in
    /// <see cref="RunParts"/>, so a one-part product allocates nothing for them (a batched attention product makes
    /// 128 of these calls per op).
    /// </summary>
    private static void Split<T, TVector, TLanes>(int m, int n, int k, Operand<T> a, Operand<T> b, GemmPackedB<T>? packedB, GemmPackedA<T>? packedA,
        T[] c, int cOffset, int ldc, bool accumulate, GemmBlocking blocking)
        where T : unmanaged, INumber<T> where TVector : struct where TLanes : ISimdLanes<T, TVector>
    {
        int tileRows = (m + GemmMicroKernel.Rows - 1) / GemmMicroKernel.Rows;
        int nr = GemmMicroKernel.Columns<T, TVector, TLanes>();
        int tileCols = (n + nr - 1) / nr;
        bool byColumns = tileCols >= tileRows;
        int tiles = byColumns ? tileCols : tileRows;
        int parts = (int)Math.Min(Math.Min(ThreadCount.Effective, tiles), Math.Max(1, (long)m * n * k / MinWorkPerThread));
        if (parts == 1) GemmLoopNest<T, TVector, TLanes>.Run(m, n, k, a, b, c, cOffset, ldc, accumulate, blocking, packedB, 0, packedA, 0);
        else RunParts<T, TVector, TLanes>(parts, tiles, byColumns, nr, m, n, k, a, b, packedB, packedA, c, cOffset, ldc, accumulate, blocking);
    }

    private static void RunParts<T, TVector, TLanes>(int parts, int tiles, bool byColumns, int nr, int m, int n, int k, Operand<T> a, Operand<T> b,
        GemmPackedB<T>? packedB, GemmPackedA<T>? packedA, T[] c, int cOffset, int ldc, bool accumulate, GemmBlocking blocking)
        where T : unmanaged, INumber<T> where TVector : struct where TLanes : ISimdLanes<T, TVector>
        => ParallelRange.ForChunks(parts, part =>
        {
            int first = (int)((long)tiles * part / parts), last = (int)((long)tiles * (part + 1) / parts);
            if (byColumns)
            {
                int j0 = first * nr, j1 = Math.Min(n, last * nr);
                var bPart = b with { Offset = b.Offset + j0 * b.ColStride };
                GemmLoopNest<T, TVector, TLanes>.Run(m, j1 - j0, k, a, bPart, c, cOffset + j0, ldc, accumulate, blocking, packedB, j0, packedA, 0);
            }
            else
            {
                int i0 = first * GemmMicroKernel.Rows, i1 = Math.Min(m, last * GemmMicroKernel.Rows);
                var aPart = a with { Offset = a.Offset + i0 * a.RowStride };
                GemmLoopNest<T, TVector, TLanes>.Run(i1 - i0, n, k, aPart, b, c, cOffset + i0 * ldc, ldc, accumulate, blocking, packedB, 0, packedA, i0);
            }
        });

    /// <summary>
    /// The packing routines read operands without bounds checks, so every index an operand can produce is checked
    /// against its buffer once, here.
    /// </summary>
    internal static void CheckBounds<T>(Operand<T> x, int rows, int cols, string name) where T : unmanaged
    {
        if (rows < 0 || cols < 0 || x.Offset < 0)
            throw new ArgumentException($"Gemm: operand {name} [{rows}, {cols}] has a negative size or offset {x.Offset}.");
        if (rows == 0 || cols == 0) return;
        long low = x.Offset + Math.Min(0L, (long)(rows - 1) * x.RowStride) + Math.Min(0L, (long)(cols - 1) * x.ColStride);
        long high = x.Offset + Math.Max(0L, (long)(rows - 1) * x.RowStride) + Math.Max(0L, (long)(cols - 1) * x.ColStride);
        if (low < 0 || high >= x.Data.Length)
            throw new ArgumentException($"Gemm: operand {name} [{rows}, {cols}] at offset {x.Offset} with strides ({x.RowStride}, {x.ColStride}) reaches index {(low < 0 ? low : high)}, outside its buffer of {x.Data.Length} elements.");
    }
}

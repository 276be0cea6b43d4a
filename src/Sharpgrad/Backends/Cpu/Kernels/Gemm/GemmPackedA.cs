using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A left operand A [m, k] packed once, whole, in the order <see cref="GemmLoopNest{T, TVector, TLanes}"/> packs a
/// block of it: Aᵀ in strips of <see cref="GemmMicroKernel.Rows"/> rows, depth block by depth block
/// (<see cref="GemmPackedB{T}.PackStrips"/>), so the strips from any row that is a multiple of the strip height lie
/// as the loop nest would have packed them from there. For an A that many products share across calls: a convolution's
/// weights at inference, which im2col + GEMM otherwise re-packed for every tile of every image (ResNet-18 at batch 1
/// re-packed 47 MB per call, 19% of its convolution samples; docs/performance.md). The same values, zero-padded the
/// same way, multiplied by the same micro-kernel in the same order, so results are bitwise those of the call with A
/// itself, at any thread count (Goto &amp; van de Geijn 2008, §4). Valid for the path and depth block it was packed for,
/// and only while A's values stay as they were. As for <see cref="GemmPackedB{T}"/>, the caller may supply the array
/// and take it back with <see cref="Release"/>.
/// </summary>
internal sealed class GemmPackedA<T> where T : unmanaged, INumber<T>
{
    private readonly GemmPackedB<T> strips;

    private GemmPackedA(GemmPackedB<T> strips) => this.strips = strips;

    /// <summary>m: A's rows.</summary>
    public int Rows => strips.Columns;

    /// <summary>k: A's columns, the depth of the product.</summary>
    public int Depth => strips.Rows;

    public SimdPath Path => strips.Path;
    public int DepthBlock => strips.DepthBlock;

    /// <param name="rent">gives an array of exactly the length asked for (contents unspecified); null allocates one</param>
    public static GemmPackedA<T> Pack(int m, int k, Gemm.Operand<T> a, Func<int, T[]>? rent = null)
        => Pack(m, k, a, SimdPaths.Selected, GemmBlocking.Default, rent);

    internal static GemmPackedA<T> Pack(int m, int k, Gemm.Operand<T> a, SimdPath path, GemmBlocking blocking, Func<int, T[]>? rent = null)
    {
        Gemm.CheckBounds(a, m, k, "A");
        path = GemmPackedB<T>.PathFor(path);
        var transposed = new Gemm.Operand<T>(a.Data, a.Offset, a.ColStride, a.RowStride);
        return new GemmPackedA<T>(GemmPackedB<T>.PackStrips(k, m, transposed, path, blocking, GemmMicroKernel.Rows, rent));
    }

    /// <summary>
    /// An A [m, k] whose packed strips the caller has laid out itself: <paramref name="transposedStrips"/> is Aᵀ [k, m]
    /// over the caller's array in strips of <see cref="GemmMicroKernel.Rows"/> (<see cref="GemmPackedB{T}.Over(T[], int, int, int, SimdPath, GemmBlocking, int)"/>
    /// with that width), the caller writing each entry where <see cref="GemmPackedB{T}.RowLayout"/> says. A convolution's
    /// transposed column matrix colsᵀ, written by im2col straight into that order (GemmConvolution, the transposed
    /// product). Rows past m in the last strip are never read: a partial strip runs the micro-kernel for its own rows.
    /// </summary>
    internal static GemmPackedA<T> OfTransposedStrips(GemmPackedB<T> transposedStrips) => transposedStrips.StripWidth == GemmMicroKernel.Rows
        ? new GemmPackedA<T>(transposedStrips)
        : throw new ArgumentException($"GemmPackedA: strips {transposedStrips.StripWidth} wide cannot hold A; expected the strip height {GemmMicroKernel.Rows}.");

    /// <summary>Ends this packing's life and hands its array back to recycle, as <see cref="GemmPackedB{T}.Release"/>.</summary>
    public T[]? Release() => strips.Release();

    /// <summary>The packed strips of depth block <paramref name="pc"/> from row <paramref name="row"/> (a multiple of the strip height) on.</summary>
    public Span<T> From(int pc, int row) => strips.From(pc, row);
}

using System.Numerics;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A right operand B [k, n] packed once, whole, in the order <see cref="GemmLoopNest{T, TVector, TLanes}"/> packs a
/// block of it (<see cref="GemmPacking"/>), for a B that many products share: an LSTM's W_hh, multiplied by each of the
/// T steps' states forward and by each step's gate gradients backward, which every GEMM call otherwise re-packed
/// whole (1 MB per step, issue #12). Depth block d holds its strips of nr columns one after another from
/// <c>d·depthBlock·paddedColumns</c>, so the strips from any column (a multiple of nr) on lie as the loop nest would
/// have packed them from there: the same values, zero-padded the same way, multiplied by the same micro-kernel in the
/// same order, so results are bitwise those of the unpacked call, at any thread count (Goto &amp; van de Geijn 2008, §4).
/// Valid for the path and depth block it was packed for, and only while B's values stay as they were. The caller may
/// supply the packed array (the CPU backend rents it from its buffer pool: an LSTM packs W_hh every forward and
/// backward pass, 2 MB at H = 256 that would otherwise be fresh) and takes it back with <see cref="Release"/> after the
/// last product that reads it.
/// </summary>
internal sealed class GemmPackedB<T> where T : unmanaged, INumber<T>
{
    private T[]? data;
    private readonly int start;   // where the packed strips begin in data (0 unless laid out by the caller, see Over)

    public int Rows { get; }
    public int Columns { get; }
    public SimdPath Path { get; }
    public int DepthBlock { get; }
    public int StripWidth { get; }

    private GemmPackedB(T[] data, int rows, int columns, SimdPath path, int depthBlock, int stripWidth, int start = 0)
        => (this.data, Rows, Columns, Path, DepthBlock, StripWidth, this.start) = (data, rows, columns, path, depthBlock, stripWidth, start);

    /// <param name="rent">gives an array of exactly the length asked for (contents unspecified); null allocates one</param>
    public static GemmPackedB<T> Pack(int k, int n, Gemm.Operand<T> b, Func<int, T[]>? rent = null)
        => Pack(k, n, b, SimdPaths.Selected, GemmBlocking.Default, rent);

    internal static GemmPackedB<T> Pack(int k, int n, Gemm.Operand<T> b, SimdPath path, GemmBlocking blocking, Func<int, T[]>? rent = null)
    {
        Gemm.CheckBounds(b, k, n, "B");
        path = PathFor(path);
        return PackStrips(k, n, b, path, blocking, StripWidthOf(path), rent);
    }

    /// <summary><paramref name="path"/> where the micro-kernel has vector lanes for T (float, double), else the scalar one.</summary>
    internal static SimdPath PathFor(SimdPath path)
        => typeof(T) == typeof(float) || typeof(T) == typeof(double) ? path : SimdPath.Scalar;

    /// <summary>The width nr of B's strips on <paramref name="path"/>: the micro-kernel's columns.</summary>
    internal static int StripWidthOf(SimdPath path) => path switch
    {
        SimdPath.Vector512 => GemmMicroKernel.Columns<T, Vector512<T>, Vector512Lanes<T>>(),
        SimdPath.Vector256 => GemmMicroKernel.Columns<T, Vector256<T>, Vector256Lanes<T>>(),
        SimdPath.Vector128 => GemmMicroKernel.Columns<T, Vector128<T>, Vector128Lanes<T>>(),
        _ => GemmMicroKernel.Columns<T, T, ScalarLanes<T>>(),
    };

    /// <summary>Elements of a B [k, n] packed in strips of <paramref name="width"/> (n rounded up to whole strips).</summary>
    internal static int Length(int k, int n, int width) => Math.Max(1, k * ((n + width - 1) / width * width));

    /// <summary>
    /// A B [k, n] whose packed strips the caller writes itself into <paramref name="data"/> from <paramref name="start"/>
    /// on, <see cref="Length"/> elements, at the places <see cref="RowLayout"/> gives (zero-padded past n): a convolution's
    /// columns written by im2col straight into the order the micro-kernel reads, instead of a column matrix that the
    /// loop nest then copies into that order (<see cref="Im2Col.ImageRowsToStrips{T}"/>).
    /// </summary>
    internal static GemmPackedB<T> Over(T[] data, int start, int k, int n, SimdPath path, GemmBlocking blocking)
        => Over(data, start, k, n, path, blocking, StripWidthOf(PathFor(path)));

    /// <summary>
    /// As above in strips of <paramref name="width"/>: <see cref="StripWidthOf"/> for B, or the strip height
    /// <see cref="GemmMicroKernel.Rows"/> for Aᵀ (<see cref="GemmPackedA{T}.OfTransposedStrips"/>). A non-float T runs on
    /// the scalar path whatever <paramref name="path"/> says (<see cref="PathFor"/>), as in the overload above.
    /// </summary>
    internal static GemmPackedB<T> Over(T[] data, int start, int k, int n, SimdPath path, GemmBlocking blocking, int width)
    {
        if (start < 0 || (long)start + Length(k, n, width) > data.Length)
            throw new ArgumentException($"GemmPackedB.Over: a [{k}, {n}] operand in strips of {width} from element {start} does not fit an array of {data.Length}.");
        return new GemmPackedB<T>(data, k, n, PathFor(path), Math.Max(1, blocking.Depth), width, start);
    }

    /// <summary>
    /// Where row <paramref name="row"/> of B lies in the packed array (see <see cref="PackStrips"/>): element [row, j]
    /// is at <c>Start + (j / StripWidth)·StripStep + j % StripWidth</c>, StripStep being the elements between one strip
    /// and the next in the row's depth block.
    /// </summary>
    internal (int Start, int StripStep) RowLayout(int row)
    {
        int padded = (Columns + StripWidth - 1) / StripWidth * StripWidth;
        int pc = row / DepthBlock * DepthBlock, kc = Math.Min(DepthBlock, Rows - pc);
        return (start + pc * padded + (row - pc) * StripWidth, kc * StripWidth);
    }

    /// <summary>
    /// <paramref name="source"/> [k, n] packed whole in strips of <paramref name="width"/>, depth block by depth block,
    /// for the given path: B's strips of nr columns, or (<see cref="GemmPackedA{T}"/>) Aᵀ's strips of mr rows. The
    /// caller has checked the operand's bounds.
    /// </summary>
    internal static GemmPackedB<T> PackStrips(int k, int n, Gemm.Operand<T> source, SimdPath path, GemmBlocking blocking, int width, Func<int, T[]>? rent = null)
    {
        int depthBlock = Math.Max(1, blocking.Depth), padded = (n + width - 1) / width * width;
        int length = Math.Max(1, k * padded);
        var data = rent is null ? GC.AllocateUninitializedArray<T>(length) : rent(length);
        if (data.Length != length)
            throw new ArgumentException($"GemmPackedB.PackStrips: the array given for a [{k}, {n}] operand packed in strips of {width} has {data.Length} elements, expected {length}.");
        for (int pc = 0; pc < k && n > 0; pc += depthBlock)
            GemmPacking.Pack(source, pc, Math.Min(depthBlock, k - pc), 0, n, data.AsSpan(pc * padded), width);
        return new GemmPackedB<T>(data, k, n, path, depthBlock, width);
    }

    /// <summary>Zeroes the padding of the last strip past column n in every row (a B laid out by the caller,
    /// <see cref="Over(T[], int, int, int, SimdPath, GemmBlocking)"/> or <see cref="Over(T[], int, int, int, SimdPath, GemmBlocking, int)"/>).</summary>
    internal void ClearPastColumns()
    {
        int lastStrip = Columns / StripWidth, used = Columns % StripWidth;
        var array = data ?? throw new InvalidOperationException($"GemmPackedB: a packed B [{Rows}, {Columns}] was cleared after Release ended this packing's life.");
        if (used == 0) return;
        for (int row = 0; row < Rows; row++)
        {
            var (rowStart, stripStep) = RowLayout(row);
            array.AsSpan(rowStart + lastStrip * stripStep + used, StripWidth - used).Clear();
        }
    }

    /// <summary>
    /// Ends this packing's life and hands its array back to the caller to recycle (null when already released); the
    /// caller promises that no product still reads it, and any later product is an error.
    /// </summary>
    public T[]? Release()
    {
        var released = data;
        data = null;
        return released;
    }

    /// <summary>The packed strips of depth block <paramref name="pc"/> from column <paramref name="column"/> (a multiple of the strip width) on.</summary>
    public Span<T> From(int pc, int column)
    {
        int padded = (Columns + StripWidth - 1) / StripWidth * StripWidth, kc = Math.Min(DepthBlock, Rows - pc);
        var packed = data ?? throw new InvalidOperationException(
            $"GemmPackedB: a packed B [{Rows}, {Columns}] was read after Release ended this packing's life.");
        return packed.AsSpan(start + pc * padded + column * kc);
    }
}

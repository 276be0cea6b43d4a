using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The three transforms of the minimal filtering algorithm F(2×2, 3×3) (Winograd 1980; Lavin and Gray 2016, "Fast
/// Algorithms for Convolutional Neural Networks", eq. 8): a 2×2 tile of a 3×3 correlation is
/// Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A for the 4×4 input window d and the 3×3 filter g, with
/// <code>
///      ⎡1  0 −1  0⎤       ⎡ 1    0    0 ⎤       ⎡1  1  1  0⎤
/// Bᵀ = ⎢0  1  1  0⎥   G = ⎢ ½    ½    ½ ⎥   Aᵀ = ⎣0  1 −1 −1⎦
///      ⎢0 −1  1  0⎥       ⎢ ½   −½    ½ ⎥
///      ⎣0  1  0 −1⎦       ⎣ 0    0    1 ⎦
/// </code>
/// 16 multiplications per tile and channel pair instead of the direct form's 36. Summed over the input channels, the
/// element-wise products become 16 matrix products (<see cref="WinogradConvolution"/>). Each transform is applied
/// down the columns, then along the rows; the entries are 0, ±1 and ±½, so the only rounding is that of the sums.
/// </summary>
internal static class WinogradTransforms
{
    /// <summary>
    /// U = G g Gᵀ for the 3×3 filter whose k-th element (row-major) is at <paramref name="g"/> + k·<paramref name="step"/>,
    /// written to <paramref name="u"/> 16 times <paramref name="stride"/> apart. A step of −1 from the last element reads
    /// the filter turned around, as the flipped convolution of the adjoint uses it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Filter<T>(ref T g, nint step, ref T u, nint stride) where T : unmanaged, INumber<T>
    {
        T half = T.One / (T.One + T.One);
        // G g, column by column: rows g0, ½(g0 + g1 + g2), ½(g0 − g1 + g2), g2.
        T g00 = g, g01 = Unsafe.Add(ref g, step), g02 = Unsafe.Add(ref g, 2 * step);
        T g10 = Unsafe.Add(ref g, 3 * step), g11 = Unsafe.Add(ref g, 4 * step), g12 = Unsafe.Add(ref g, 5 * step);
        T g20 = Unsafe.Add(ref g, 6 * step), g21 = Unsafe.Add(ref g, 7 * step), g22 = Unsafe.Add(ref g, 8 * step);
        FilterRow(g00, g01, g02, ref u, stride, half);
        FilterRow((g00 + g10 + g20) * half, (g01 + g11 + g21) * half, (g02 + g12 + g22) * half, ref Unsafe.Add(ref u, 4 * stride), stride, half);
        FilterRow((g00 - g10 + g20) * half, (g01 - g11 + g21) * half, (g02 - g12 + g22) * half, ref Unsafe.Add(ref u, 8 * stride), stride, half);
        FilterRow(g20, g21, g22, ref Unsafe.Add(ref u, 12 * stride), stride, half);
    }

    /// <summary>One row of (G g) Gᵀ: a0, ½(a0 + a1 + a2), ½(a0 − a1 + a2), a2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FilterRow<T>(T a0, T a1, T a2, ref T to, nint stride, T half) where T : unmanaged, INumber<T>
    {
        to = a0;
        Unsafe.Add(ref to, stride) = (a0 + a1 + a2) * half;
        Unsafe.Add(ref to, 2 * stride) = (a0 - a1 + a2) * half;
        Unsafe.Add(ref to, 3 * stride) = a2;
    }

    /// <summary>
    /// V = Bᵀ d B for a row of <paramref name="tiles"/> windows: 4×4 windows two columns apart across the four padded
    /// rows <paramref name="rows"/>, <paramref name="rowStride"/> apart, each stored with its even columns first and
    /// its odd columns from <paramref name="half"/> on (<see cref="WinogradConvolution"/>), so that window t's columns
    /// 0, 1, 2, 3 are E[t], O[t], E[t + 1], O[t + 1] and a vector of windows is four unit-stride loads per row. Window t
    /// is written to <paramref name="v"/>[t·<paramref name="step"/>], its 16 values <paramref name="stride"/> apart. Each
    /// row must be readable to a whole vector past its last window in both halves (the lanes past it are computed, not
    /// stored).
    /// </summary>
    public static void InputRow<T>(ref T rows, int rowStride, int half, int tiles, ref T v, nint stride, nint step) where T : unmanaged, INumber<T>
    {
        int lanes = Vector<T>.Count;
        for (int t = 0; t < tiles; t += lanes)
        {
            int count = Math.Min(lanes, tiles - t);
            ref T r0 = ref Unsafe.Add(ref rows, t);
            // Bᵀ d on each of the four columns of the windows: e, o, e1, o1 are E[t], O[t], E[t + 1], O[t + 1].
            var (e0, e1, e2, e3) = Columns(ref r0, rowStride);
            var (o0, o1, o2, o3) = Columns(ref Unsafe.Add(ref r0, half), rowStride);
            var (n0, n1, n2, n3) = Columns(ref Unsafe.Add(ref r0, 1), rowStride);
            var (p0, p1, p2, p3) = Columns(ref Unsafe.Add(ref r0, half + 1), rowStride);
            ref T to = ref Unsafe.Add(ref v, t * step);
            // (Bᵀ d) B on each row: x0 − x2, x1 + x2, x2 − x1, x1 − x3.
            RowOut(e0, o0, n0, p0, ref to, stride, count, step);
            RowOut(e1, o1, n1, p1, ref Unsafe.Add(ref to, 4 * stride), stride, count, step);
            RowOut(e2, o2, n2, p2, ref Unsafe.Add(ref to, 8 * stride), stride, count, step);
            RowOut(e3, o3, n3, p3, ref Unsafe.Add(ref to, 12 * stride), stride, count, step);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static (Vector<T>, Vector<T>, Vector<T>, Vector<T>) Columns(ref T at, int rowStride)
        {
            var d0 = Vector.LoadUnsafe(ref at);
            var d1 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, rowStride));
            var d2 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, 2 * rowStride));
            var d3 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, 3 * rowStride));
            return (d0 - d2, d1 + d2, d2 - d1, d1 - d3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void RowOut(Vector<T> x0, Vector<T> x1, Vector<T> x2, Vector<T> x3, ref T to, nint stride, int count, nint step)
        {
            Store(x0 - x2, ref to, count, step);
            Store(x1 + x2, ref Unsafe.Add(ref to, stride), count, step);
            Store(x2 - x1, ref Unsafe.Add(ref to, 2 * stride), count, step);
            Store(x1 - x3, ref Unsafe.Add(ref to, 3 * stride), count, step);
        }
    }

    /// <summary>
    /// Y = Aᵀ m A for a row of <paramref name="tiles"/> tiles whose 16 products lie at <paramref name="m"/>[t],
    /// <paramref name="stride"/> apart, plus <paramref name="bias"/>: tile t's outputs go to columns 2t and 2t + 1 of
    /// <paramref name="top"/> and, where <paramref name="bottom"/> is not empty, of the row below; a last column past
    /// <paramref name="width"/> is dropped. <paramref name="m"/> must be readable to a whole vector past the last tile.
    /// </summary>
    public static void OutputRow<T>(ref T m, nint stride, int tiles, T bias, Span<T> top, Span<T> bottom, int width) where T : unmanaged, INumber<T>
    {
        int lanes = Vector<T>.Count;
        Span<T> tile = stackalloc T[4 * lanes];
        var b = new Vector<T>(bias);
        for (int t = 0; t < tiles; t += lanes)
        {
            ref T at = ref Unsafe.Add(ref m, t);
            // Aᵀ m on each column j: c0j = m0j + m1j + m2j, c1j = m1j − m2j − m3j.
            var (c00, c10) = Column(ref at, stride, 0);
            var (c01, c11) = Column(ref at, stride, 1);
            var (c02, c12) = Column(ref at, stride, 2);
            var (c03, c13) = Column(ref at, stride, 3);
            // (Aᵀ m) A on each row, then the four outputs of each tile interleaved into the two output rows.
            ref T y = ref MemoryMarshal.GetReference(tile);
            Vector.StoreUnsafe(b + (c00 + c01 + c02), ref y);
            Vector.StoreUnsafe(b + (c01 - c02 - c03), ref Unsafe.Add(ref y, lanes));
            Vector.StoreUnsafe(b + (c10 + c11 + c12), ref Unsafe.Add(ref y, 2 * lanes));
            Vector.StoreUnsafe(b + (c11 - c12 - c13), ref Unsafe.Add(ref y, 3 * lanes));
            int count = Math.Min(lanes, tiles - t);
            for (int l = 0; l < count; l++)
            {
                int column = 2 * (t + l);
                top[column] = tile[l];
                if (column + 1 < width) top[column + 1] = tile[lanes + l];
                if (bottom.IsEmpty) continue;
                bottom[column] = tile[2 * lanes + l];
                if (column + 1 < width) bottom[column + 1] = tile[3 * lanes + l];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static (Vector<T>, Vector<T>) Column(ref T at, nint stride, int j)
        {
            var m0 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, j * stride));
            var m1 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, (4 + j) * stride));
            var m2 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, (8 + j) * stride));
            var m3 = Vector.LoadUnsafe(ref Unsafe.Add(ref at, (12 + j) * stride));
            return (m0 + m1 + m2, m1 - m2 - m3);
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> lanes of <paramref name="value"/> at <paramref name="to"/>, <paramref name="step"/>
    /// apart: all of them in one store where the vector is whole and its lanes adjacent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> value, ref T to, int count, nint step) where T : unmanaged
    {
        if (count == Vector<T>.Count && step == 1)
        {
            Vector.StoreUnsafe(value, ref to);
            return;
        }
        for (int l = 0; l < count; l++) Unsafe.Add(ref to, l * step) = value[l];
    }

    /// <summary>
    /// The output gradient's transform, the adjoint of <see cref="OutputRow"/>'s Aᵀ m A: dM = A dY Aᵀ for one tile's
    /// output gradients (dy00, dy01, dy10, dy11; zero for outputs past the map), written to <paramref name="to"/> 16
    /// times <paramref name="stride"/> apart. A dY has rows (a, b), (a + c, b + d), (a − c, b − d), (−c, −d), and each
    /// row (p, q) times Aᵀ is (p, p + q, p − q, −q).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputGradient<T>(T a, T b, T c, T d, ref T to, nint stride) where T : unmanaged, INumber<T>
    {
        GradientRow(a, b, ref to, stride);
        GradientRow(a + c, b + d, ref Unsafe.Add(ref to, 4 * stride), stride);
        GradientRow(a - c, b - d, ref Unsafe.Add(ref to, 8 * stride), stride);
        GradientRow(-c, -d, ref Unsafe.Add(ref to, 12 * stride), stride);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void GradientRow(T p, T q, ref T to, nint stride)
        {
            to = p;
            Unsafe.Add(ref to, stride) = p + q;
            Unsafe.Add(ref to, 2 * stride) = p - q;
            Unsafe.Add(ref to, 3 * stride) = -q;
        }
    }

    /// <summary>
    /// The filter gradient, the adjoint of <see cref="Filter"/>'s G g Gᵀ: dg = Gᵀ dU G for the 16 sums at
    /// <paramref name="du"/>, <paramref name="stride"/> apart, written row-major to the 3×3 at <paramref name="dg"/>.
    /// Gᵀ has rows (1, ½, ½, 0), (0, ½, −½, 0) and (0, ½, ½, 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FilterGradient<T>(ref T du, nint stride, ref T dg) where T : unmanaged, INumber<T>
    {
        T half = T.One / (T.One + T.One);
        // Gᵀ dU, column by column, then (Gᵀ dU) G row by row: both are Gᵀ applied to four values.
        var (a0, b0, c0) = ApplyGTransposed(At(ref du, stride, 0), At(ref du, stride, 4), At(ref du, stride, 8), At(ref du, stride, 12), half);
        var (a1, b1, c1) = ApplyGTransposed(At(ref du, stride, 1), At(ref du, stride, 5), At(ref du, stride, 9), At(ref du, stride, 13), half);
        var (a2, b2, c2) = ApplyGTransposed(At(ref du, stride, 2), At(ref du, stride, 6), At(ref du, stride, 10), At(ref du, stride, 14), half);
        var (a3, b3, c3) = ApplyGTransposed(At(ref du, stride, 3), At(ref du, stride, 7), At(ref du, stride, 11), At(ref du, stride, 15), half);
        (dg, Unsafe.Add(ref dg, 1), Unsafe.Add(ref dg, 2)) = ApplyGTransposed(a0, a1, a2, a3, half);
        (Unsafe.Add(ref dg, 3), Unsafe.Add(ref dg, 4), Unsafe.Add(ref dg, 5)) = ApplyGTransposed(b0, b1, b2, b3, half);
        (Unsafe.Add(ref dg, 6), Unsafe.Add(ref dg, 7), Unsafe.Add(ref dg, 8)) = ApplyGTransposed(c0, c1, c2, c3, half);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static T At(ref T du, nint stride, int position) => Unsafe.Add(ref du, position * stride);

        // Gᵀ (x0, x1, x2, x3) = (x0 + ½(x1 + x2), ½(x1 − x2), ½(x1 + x2) + x3). Inlining asked for: the loops that call
        // this are compiled optimised from the start, without the profile that let tiering inline it (not inlined, it
        // took 4% of a VGG-11 step).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static (T, T, T) ApplyGTransposed(T x0, T x1, T x2, T x3, T half) => (x0 + (x1 + x2) * half, (x1 - x2) * half, (x1 + x2) * half + x3);
    }
}

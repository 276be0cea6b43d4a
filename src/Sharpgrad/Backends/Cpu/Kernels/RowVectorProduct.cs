using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// c = a·B (+ c when accumulating) for a single row a [1, k]: the product of a batch-1 linear layer (GBC §6.1, one
/// example through an affine map). The packed GEMM would copy all of B into panels and run a 6-row micro-kernel on a
/// matrix of one row, so packing B dominated and five sixths of the kernel's work was padding (perf of MLP inference
/// at batch 1: 42% in the packing transpose, 22% in the micro-kernel). Here B is read in place, once, as a matrix-vector
/// product (BLAS's GEMV), in one of its two contiguous layouts:
/// <list type="bullet">
/// <item>B's columns contiguous (row stride 1: B = Wᵀ of a weight W [out, in], the Linear case): each c[j] is a dot
/// product of a with column j, four columns at a time so the loads of a are shared.</item>
/// <item>B's rows contiguous (column stride 1): c[j..] accumulates a[p]·B[p, j..] over p, a vector of columns at a time.</item>
/// </list>
/// Determinism: every c[j] is summed in an order fixed by k and by j's position among the fixed column blocks, never by
/// how the blocks are shared between threads, so the bits are the same at any <see cref="Threads.Count"/>.
/// </summary>
internal static class RowVectorProduct
{
    /// <summary>Columns per dot-product block: four independent accumulators share each load of a.</summary>
    private const int DotColumns = 4;

    /// <summary>Vectors of columns per block in the row-major layout: four independent accumulation chains.</summary>
    private const int RowVectors = 4;

    /// <summary>Whether <see cref="Multiply"/> applies: a is a contiguous row and B has unit stride along one of its axes.</summary>
    public static bool Applies<T>(int m, Gemm.Operand<T> a, Gemm.Operand<T> b) where T : unmanaged
        => m == 1 && a.ColStride == 1 && (b.RowStride == 1 || b.ColStride == 1)
           && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>c[cOffset .. cOffset + n) = a·B (or += when <paramref name="accumulate"/>), a [1, k] and B [k, n] as <see cref="Applies"/> allows.</summary>
    public static void Multiply<T>(int n, int k, Gemm.Operand<T> a, Gemm.Operand<T> b, T[] c, int cOffset, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        if (n == 0) return;
        bool columnsContiguous = b.RowStride == 1;
        int width = columnsContiguous ? DotColumns : RowVectors * Vector<T>.Count;
        int blocks = (n + width - 1) / width;
        long grain = Math.Max(1, Gemm.MinWorkPerThread / Math.Max(1L, (long)k * width));
        ParallelRange.For(blocks, grain, (first, end) =>
        {
            int j0 = (int)first * width, j1 = (int)Math.Min(n, end * width);
            var row = a.Data.AsSpan(a.Offset, k);
            if (columnsContiguous) Dots(row, b, j0, j1, c.AsSpan(cOffset), accumulate);
            else Rows(row, b, j0, j1, c.AsSpan(cOffset), accumulate);
        });
    }

    /// <summary>c[j] = Σ_p a[p]·B[p, j] for j in [j0, j1) with B's columns contiguous; four columns per pass over a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots<T>(ReadOnlySpan<T> a, Gemm.Operand<T> b, int j0, int j1, Span<T> c, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        int k = a.Length;
        var av = MemoryMarshal.Cast<T, Vector<T>>(a);
        int j = j0;
        for (; j + DotColumns <= j1; j += DotColumns)
        {
            var b0 = Column(b, j, k);
            var b1 = Column(b, j + 1, k);
            var b2 = Column(b, j + 2, k);
            var b3 = Column(b, j + 3, k);
            var v0 = MemoryMarshal.Cast<T, Vector<T>>(b0);
            var v1 = MemoryMarshal.Cast<T, Vector<T>>(b1);
            var v2 = MemoryMarshal.Cast<T, Vector<T>>(b2);
            var v3 = MemoryMarshal.Cast<T, Vector<T>>(b3);
            Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero, s2 = Vector<T>.Zero, s3 = Vector<T>.Zero;
            for (int p = 0; p < av.Length; p++)
            {
                var x = av[p];
                s0 = VectorMath.Fma(x, v0[p], s0);
                s1 = VectorMath.Fma(x, v1[p], s1);
                s2 = VectorMath.Fma(x, v2[p], s2);
                s3 = VectorMath.Fma(x, v3[p], s3);
            }
            Store(c, j, Finish(s0, a, b0), accumulate);
            Store(c, j + 1, Finish(s1, a, b1), accumulate);
            Store(c, j + 2, Finish(s2, a, b2), accumulate);
            Store(c, j + 3, Finish(s3, a, b3), accumulate);
        }
        for (; j < j1; j++)
        {
            // The same arithmetic as one lane of the block above, so a column's bits do not depend on its block.
            var column = Column(b, j, k);
            var v = MemoryMarshal.Cast<T, Vector<T>>(column);
            Vector<T> s = Vector<T>.Zero;
            for (int p = 0; p < av.Length; p++) s = VectorMath.Fma(av[p], v[p], s);
            Store(c, j, Finish(s, a, column), accumulate);
        }
    }

    private static ReadOnlySpan<T> Column<T>(Gemm.Operand<T> b, int j, int k) where T : unmanaged
        => b.Data.AsSpan(b.Offset + j * b.ColStride, k);

    /// <summary>The vector sum's lanes added up, then the elements past the last whole vector, in order.</summary>
    private static T Finish<T>(Vector<T> sum, ReadOnlySpan<T> a, ReadOnlySpan<T> column) where T : unmanaged, INumber<T>
    {
        T total = Vector.Sum(sum);
        for (int p = a.Length / Vector<T>.Count * Vector<T>.Count; p < a.Length; p++) total = ScalarFma(a[p], column[p], total);
        return total;
    }

    private static void Store<T>(Span<T> c, int j, T value, bool accumulate) where T : unmanaged, INumber<T>
        => c[j] = accumulate ? c[j] + value : value;

    /// <summary>c[j0..j1) (+)= Σ_p a[p]·B[p, j0..j1) with B's rows contiguous, p in order for every column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T>(ReadOnlySpan<T> a, Gemm.Operand<T> b, int j0, int j1, Span<T> c, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        int lanes = Vector<T>.Count, width = RowVectors * lanes;
        int j = j0;
        for (; j + width <= j1; j += width)
        {
            var out0 = MemoryMarshal.Cast<T, Vector<T>>(c.Slice(j, width));
            Vector<T> s0 = accumulate ? out0[0] : Vector<T>.Zero, s1 = accumulate ? out0[1] : Vector<T>.Zero;
            Vector<T> s2 = accumulate ? out0[2] : Vector<T>.Zero, s3 = accumulate ? out0[3] : Vector<T>.Zero;
            for (int p = 0; p < a.Length; p++)
            {
                var x = new Vector<T>(a[p]);
                var r = MemoryMarshal.Cast<T, Vector<T>>(b.Data.AsSpan(b.Offset + p * b.RowStride + j, width));
                s0 = VectorMath.Fma(x, r[0], s0);
                s1 = VectorMath.Fma(x, r[1], s1);
                s2 = VectorMath.Fma(x, r[2], s2);
                s3 = VectorMath.Fma(x, r[3], s3);
            }
            (out0[0], out0[1], out0[2], out0[3]) = (s0, s1, s2, s3);
        }
        // The columns past the last whole block (fixed by n alone): a fused multiply-add per element, p in order,
        // which is what each lane above computes.
        for (; j < j1; j++)
        {
            T s = accumulate ? c[j] : T.Zero;
            for (int p = 0; p < a.Length; p++) s = ScalarFma(a[p], b.Data[b.Offset + p * b.RowStride + j], s);
            c[j] = s;
        }
    }

    private static T ScalarFma<T>(T x, T y, T z) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)MathF.FusedMultiplyAdd((float)(object)x, (float)(object)y, (float)(object)z);
        return (T)(object)Math.FusedMultiplyAdd((double)(object)x, (double)(object)y, (double)(object)z);
    }
}

using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The loops behind every elementwise op. Each walks a <see cref="StridedLayout"/> whose operand 0 is the output;
/// contiguous segments go through SIMD lanes, broadcast (stride-0) operands are splatted, anything else is scalar.
/// </summary>
internal static class ElementwiseKernels
{
    public static void Map<T, TOp>(TOp op, StridedLayout layout, T[] output, T[] input)
        where T : unmanaged where TOp : struct, IUnaryOp<T>
    {
        int so = layout.InnerStride(0), si = layout.InnerStride(1);
        layout.ForAll((at, n) => MapRun(op, n, output, at[0], so, input, at[1], si));
    }

    /// <summary>
    /// One run of <paramref name="n"/> elements of <see cref="Map{T, TOp}"/>, each operand from its offset by its
    /// stride. Callers with a single run (a small contiguous op) call it directly, without building a layout.
    /// </summary>
    public static void MapRun<T, TOp>(TOp op, int n, T[] output, int o, int so, T[] input, int i, int si)
        where T : unmanaged where TOp : struct, IUnaryOp<T>
    {
        int k = 0;
        if (so == 1 && si == 1)
        {
            var src = MemoryMarshal.Cast<T, Vector<T>>(input.AsSpan(i, n));
            var dst = MemoryMarshal.Cast<T, Vector<T>>(output.AsSpan(o, n));
            for (int v = 0; v < src.Length; v++) dst[v] = op.Apply(src[v]);
            k = src.Length * Vector<T>.Count;
        }
        for (; k < n; k++) output[o + k * so] = op.Apply(input[i + k * si]);
    }

    public static void Zip<T, TOp>(TOp op, StridedLayout layout, T[] output, T[] a, T[] b)
        where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        int so = layout.InnerStride(0), sa = layout.InnerStride(1), sb = layout.InnerStride(2);
        layout.ForAll((at, n) => ZipRun(op, n, output, at[0], so, a, at[1], sa, b, at[2], sb));
    }

    /// <summary>One run of <paramref name="n"/> elements of <see cref="Zip{T, TOp}"/>; see <see cref="MapRun{T, TOp}"/>.</summary>
    public static void ZipRun<T, TOp>(TOp op, int n, T[] output, int o, int so, T[] a, int ia, int sa, T[] b, int ib, int sb)
        where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        int k = 0;
        if (so == 1)
        {
            var dst = MemoryMarshal.Cast<T, Vector<T>>(output.AsSpan(o, n));
            if (sa == 1 && sb == 1)
            {
                var va = MemoryMarshal.Cast<T, Vector<T>>(a.AsSpan(ia, n));
                var vb = MemoryMarshal.Cast<T, Vector<T>>(b.AsSpan(ib, n));
                for (int v = 0; v < dst.Length; v++) dst[v] = op.Apply(va[v], vb[v]);
                k = dst.Length * Vector<T>.Count;
            }
            else if (sa == 1 && sb == 0)
            {
                var va = MemoryMarshal.Cast<T, Vector<T>>(a.AsSpan(ia, n));
                var vb = new Vector<T>(b[ib]);
                for (int v = 0; v < dst.Length; v++) dst[v] = op.Apply(va[v], vb);
                k = dst.Length * Vector<T>.Count;
            }
            else if (sa == 0 && sb == 1)
            {
                var va = new Vector<T>(a[ia]);
                var vb = MemoryMarshal.Cast<T, Vector<T>>(b.AsSpan(ib, n));
                for (int v = 0; v < dst.Length; v++) dst[v] = op.Apply(va, vb[v]);
                k = dst.Length * Vector<T>.Count;
            }
        }
        for (; k < n; k++) output[o + k * so] = op.Apply(a[ia + k * sa], b[ib + k * sb]);
    }

    public static void Compare<T, TOp>(TOp op, StridedLayout layout, bool[] output, T[] a, T[] b)
        where T : unmanaged where TOp : struct, ICompareOp<T>
    {
        int so = layout.InnerStride(0), sa = layout.InnerStride(1), sb = layout.InnerStride(2);
        layout.ForAll((at, n) =>
        {
            int o = at[0], ia = at[1], ib = at[2];
            for (int k = 0; k < n; k++) output[o + k * so] = op.Apply(a[ia + k * sa], b[ib + k * sb]);
        });
    }

    public static void Where<T>(StridedLayout layout, T[] output, bool[] condition, T[] a, T[] b) where T : unmanaged
    {
        int so = layout.InnerStride(0), sc = layout.InnerStride(1), sa = layout.InnerStride(2), sb = layout.InnerStride(3);
        layout.ForAll((at, n) =>
        {
            int o = at[0], ic = at[1], ia = at[2], ib = at[3];
            for (int k = 0; k < n; k++) output[o + k * so] = condition[ic + k * sc] ? a[ia + k * sa] : b[ib + k * sb];
        });
    }

    /// <summary>Strided copy: materialises views (Contiguous, Cat, Expand) and writes into slices.</summary>
    public static void Copy<T>(StridedLayout layout, T[] output, T[] input) where T : unmanaged
    {
        int so = layout.InnerStride(0), si = layout.InnerStride(1);
        layout.ForAll((at, n) =>
        {
            int o = at[0], i = at[1];
            if (so == 1 && si == 1) input.AsSpan(i, n).CopyTo(output.AsSpan(o, n));
            else if (so == 1 && si == 0) output.AsSpan(o, n).Fill(input[i]);
            else for (int k = 0; k < n; k++) output[o + k * so] = input[i + k * si];
        });
    }

    public static void Convert<TFrom, TTo, TOp>(TOp op, StridedLayout layout, TTo[] output, TFrom[] input)
        where TFrom : unmanaged where TTo : unmanaged where TOp : struct, IConvertOp<TFrom, TTo>
    {
        int so = layout.InnerStride(0), si = layout.InnerStride(1);
        layout.ForAll((at, n) =>
        {
            int o = at[0], i = at[1];
            for (int k = 0; k < n; k++) output[o + k * so] = op.Apply(input[i + k * si]);
        });
    }
}

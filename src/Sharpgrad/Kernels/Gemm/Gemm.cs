using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// C = A·B (+ C when <c>accumulate</c>) for row-major operands given by offset and leading dimension, each possibly
/// transposed, so a transposed view is multiplied without a copy. The kernel packs a panel of B so the inner loop
/// streams contiguous memory, and updates four rows of C at a time with SIMD FMAs. Issue #4 replaces this with a
/// register-blocked micro-kernel; the signature stays.
/// </summary>
internal static class Gemm
{
    public readonly record struct Operand<T>(T[] Data, int Offset, int RowStride, int ColStride) where T : unmanaged
    {
        public T this[int row, int col] => Data[Offset + row * RowStride + col * ColStride];
    }

    private const int KBlock = 256;
    private const int NBlock = 512;

    public static void Multiply<T>(int m, int n, int k, Operand<T> a, Operand<T> b, T[] c, int cOffset, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        if (!accumulate)
            for (int i = 0; i < m; i++) c.AsSpan(cOffset + i * n, n).Clear();
        if (k == 0 || m == 0 || n == 0) return;

        // Rows of C are independent, so threads split M; each thread packs its own B panels.
        long flops = (long)m * n * k;
        long grainRows = Math.Max(4, (1L << 17) / Math.Max(1, (long)n * k) * 4);
        ParallelRange.For(m, flops < (1L << 18) ? m : grainRows, (rowBegin, rowEnd) =>
        {
            // Sized to the problem, not to the block: a full KBlock×NBlock panel is 1 MB of zeroed memory per call,
            // which dominated small products (a 3×4·4×2 MatMul took milliseconds).
            var panel = new T[Math.Min(KBlock, k) * Math.Min(NBlock, n)];
            for (int j0 = 0; j0 < n; j0 += NBlock)
            {
                int nb = Math.Min(NBlock, n - j0);
                for (int p0 = 0; p0 < k; p0 += KBlock)
                {
                    int kb = Math.Min(KBlock, k - p0);
                    PackB(b, p0, kb, j0, nb, panel);
                    for (int i = (int)rowBegin; i < rowEnd; i += 4)
                    {
                        int rows = Math.Min(4, (int)rowEnd - i);
                        MultiplyRows(a, i, rows, p0, kb, panel, nb, c, cOffset + i * n + j0, n);
                    }
                }
            }
        });
    }

    private static void PackB<T>(Operand<T> b, int p0, int kb, int j0, int nb, T[] panel) where T : unmanaged
    {
        if (b.ColStride == 1)
            for (int p = 0; p < kb; p++) b.Data.AsSpan(b.Offset + (p0 + p) * b.RowStride + j0, nb).CopyTo(panel.AsSpan(p * nb, nb));
        else
            for (int p = 0; p < kb; p++)
                for (int j = 0; j < nb; j++) panel[p * nb + j] = b[p0 + p, j0 + j];
    }

    /// <summary>
    /// C[i:i+rows, j0:j0+nb] += A[i:i+rows, p0:p0+kb] · panel. The A rows are packed first; then each 2-vector-wide
    /// strip of C is held in up to eight registers while k runs, so C is loaded and stored once per strip.
    /// </summary>
    private static void MultiplyRows<T>(Operand<T> a, int i, int rows, int p0, int kb, T[] panel, int nb, T[] c, int cAt, int ldc)
        where T : unmanaged, INumber<T>
    {
        Span<T> ap = stackalloc T[4 * KBlock];
        for (int r = 0; r < 4; r++)
            for (int p = 0; p < kb; p++) ap[r * KBlock + p] = r < rows ? a[i + r, p0 + p] : T.Zero;

        int w = Vector<T>.Count;
        int j = 0;
        for (; j + 2 * w <= nb; j += 2 * w)
        {
            Vector<T> c00 = default, c01 = default, c10 = default, c11 = default;
            Vector<T> c20 = default, c21 = default, c30 = default, c31 = default;
            for (int p = 0; p < kb; p++)
            {
                var b0 = new Vector<T>(panel.AsSpan(p * nb + j, w));
                var b1 = new Vector<T>(panel.AsSpan(p * nb + j + w, w));
                var a0 = new Vector<T>(ap[p]);
                var a1 = new Vector<T>(ap[KBlock + p]);
                var a2 = new Vector<T>(ap[2 * KBlock + p]);
                var a3 = new Vector<T>(ap[3 * KBlock + p]);
                c00 = VectorMath.Fma(a0, b0, c00); c01 = VectorMath.Fma(a0, b1, c01);
                c10 = VectorMath.Fma(a1, b0, c10); c11 = VectorMath.Fma(a1, b1, c11);
                c20 = VectorMath.Fma(a2, b0, c20); c21 = VectorMath.Fma(a2, b1, c21);
                c30 = VectorMath.Fma(a3, b0, c30); c31 = VectorMath.Fma(a3, b1, c31);
            }
            Store(c, cAt, ldc, j, w, rows, c00, c01, c10, c11, c20, c21, c30, c31);
        }
        for (int r = 0; r < rows; r++)
            for (int jj = j; jj < nb; jj++)
            {
                T sum = c[cAt + r * ldc + jj];
                for (int p = 0; p < kb; p++) sum += ap[r * KBlock + p] * panel[p * nb + jj];
                c[cAt + r * ldc + jj] = sum;
            }
    }

    private static void Store<T>(T[] c, int cAt, int ldc, int j, int w, int rows, params ReadOnlySpan<Vector<T>> acc)
        where T : unmanaged, INumber<T>
    {
        for (int r = 0; r < rows; r++)
            for (int h = 0; h < 2; h++)
            {
                var dst = c.AsSpan(cAt + r * ldc + j + h * w, w);
                (new Vector<T>(dst) + acc[2 * r + h]).CopyTo(dst);
            }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>
/// The int8 matrix product c[i, j] = Σₗ a[i, l]·b[j, l] (uint8 a [m, k], int8 b [n, k], int32 c [m, n]), the GEMM of
/// quantised Linear and Conv2d layers (Jacob et al. 2018, §2.3). Both operands run along k, so each output is a dot
/// product of two byte rows: a row of a is held in registers while it meets four rows of b (four accumulators), which
/// reads a once per four outputs. Rows are padded with zeros to whole vectors of 32 bytes (zero adds nothing to a
/// sum), so short rows such as a 5×5 filter's 25 taps still run in vector code.
/// </summary>
/// <remarks>
/// Threads split the rows of a in chunks fixed by the problem size; every sum is exact integer arithmetic, so the
/// result does not depend on the thread count or the path at all.
/// </remarks>
internal static class Int8Gemm
{
    private const int Block = 32;

    public static void Multiply(int[] c, byte[] a, sbyte[] b, int m, int n, int k) => Multiply(c, a, b, m, n, k, Int8GemmPaths.Selected);

    public static void Multiply(int[] c, byte[] a, sbyte[] b, int m, int n, int k, Int8GemmPath path)
    {
        if (m == 0 || n == 0) return;
        if (path == Int8GemmPath.Scalar || k == 0)
        {
            ParallelRange.For(m, Grain(n, k), (begin, end) => Scalar(c, a, b, (int)begin, (int)end, n, k));
            return;
        }
        int padded = (k + Block - 1) / Block * Block;
        var packed = new sbyte[n * padded];
        for (int j = 0; j < n; j++) Array.Copy(b, j * k, packed, j * padded, k);
        ParallelRange.For(m, Grain(n, k), (begin, end) =>
        {
            var row = new byte[padded];
            for (int i = (int)begin; i < end; i++)
            {
                Array.Copy(a, i * k, row, 0, k);
                if (path == Int8GemmPath.AvxVnni) RowVnni(c, i * n, row, packed, n, padded);
                else RowAvx2(c, i * n, row, packed, n, padded);
            }
        });
    }

    /// <summary>Rows of a per chunk: about 64K multiply-adds, so small products stay on one thread.</summary>
    private static long Grain(int n, int k) => Math.Max(1, 65536 / Math.Max(1, (long)n * k));

    private static void Scalar(int[] c, byte[] a, sbyte[] b, int begin, int end, int n, int k)
    {
        for (int i = begin; i < end; i++)
            for (int j = 0; j < n; j++)
            {
                int sum = 0;
                for (int l = 0; l < k; l++) sum += a[i * k + l] * b[j * k + l];
                c[i * n + j] = sum;
            }
    }

    private static void RowVnni(int[] c, int cAt, byte[] row, sbyte[] packed, int n, int padded)
    {
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            Vector256<int> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int l = 0; l < padded; l += Block)
            {
                var x = Load(row, l);
                s0 = AvxVnni.MultiplyWideningAndAdd(s0, x, Load(packed, j * padded + l));
                s1 = AvxVnni.MultiplyWideningAndAdd(s1, x, Load(packed, (j + 1) * padded + l));
                s2 = AvxVnni.MultiplyWideningAndAdd(s2, x, Load(packed, (j + 2) * padded + l));
                s3 = AvxVnni.MultiplyWideningAndAdd(s3, x, Load(packed, (j + 3) * padded + l));
            }
            (c[cAt + j], c[cAt + j + 1], c[cAt + j + 2], c[cAt + j + 3]) = (Vector256.Sum(s0), Vector256.Sum(s1), Vector256.Sum(s2), Vector256.Sum(s3));
        }
        for (; j < n; j++)
        {
            Vector256<int> s = default;
            for (int l = 0; l < padded; l += Block) s = AvxVnni.MultiplyWideningAndAdd(s, Load(row, l), Load(packed, j * padded + l));
            c[cAt + j] = Vector256.Sum(s);
        }
    }

    private static void RowAvx2(int[] c, int cAt, byte[] row, sbyte[] packed, int n, int padded)
    {
        for (int j = 0; j < n; j++)
        {
            Vector256<int> s = default;
            for (int l = 0; l < padded; l += Block)
            {
                var (xLow, xHigh) = Vector256.Widen(Load(row, l));
                var (wLow, wHigh) = Vector256.Widen(Load(packed, j * padded + l));
                s += Avx2.MultiplyAddAdjacent(xLow.AsInt16(), wLow);
                s += Avx2.MultiplyAddAdjacent(xHigh.AsInt16(), wHigh);
            }
            c[cAt + j] = Vector256.Sum(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Load<T>(T[] array, int at) where T : unmanaged
        => Vector256.LoadUnsafe(ref array[0], (nuint)at);
}

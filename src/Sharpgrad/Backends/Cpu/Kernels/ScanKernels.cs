using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>One step of a running op: the accumulator after <paramref name="acc"/> meets the next element.</summary>
internal interface IScanStep<T>
{
    T Next(T acc, T x);
}

internal struct SumStep<T> : IScanStep<T> where T : INumber<T>
{
    public T Next(T acc, T x) => acc + x;
}

internal struct ProdStep<T> : IScanStep<T> where T : INumber<T>
{
    public T Next(T acc, T x) => acc * x;
}

/// <summary>log(eᵃ + eˣ) = max + log1p(e^−|a−x|), which never overflows (GBC §4.1).</summary>
internal struct LogAddExpStep<T> : IScanStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Next(T acc, T x)
    {
        // Equal arguments give a + log1p(1); testing for them first keeps ±∞ from meeting as ∞ − ∞ = NaN.
        var gap = acc == x ? T.Zero : T.Abs(acc - x);
        return T.Max(acc, x) + default(Log1pOp<T>).Apply(T.Exp(-gap));
    }
}

/// <summary>
/// Running ops along the middle axis of a contiguous block read as [outer, length, inner]. Each line is scanned in
/// order by one thread, so results are bitwise the same for any thread count.
/// </summary>
internal static class ScanKernels
{
    /// <summary>y[o, r, i] = x[o, 0, i] ⊕ … ⊕ x[o, r, i].</summary>
    public static void Scan<T, TStep>(T[] x, int offset, int outer, int length, int inner, T[] y)
        where T : unmanaged where TStep : struct, IScanStep<T>
    {
        ForEachLine(outer, length, inner, start =>
        {
            if (length == 0) return;
            var acc = x[offset + start];
            y[start] = acc;
            for (int r = 1; r < length; r++)
            {
                acc = default(TStep).Next(acc, x[offset + start + r * inner]);
                y[start + r * inner] = acc;
            }
        });
    }

    /// <summary>
    /// The gradient of a cumulative product without division, exact where elements are 0:
    /// ∂L/∂x_k = Σ_{j≥k} g_j ∏_{i≤j, i≠k} x_i = (∏_{i&lt;k} x_i) · S_k, with S_k = g_k + x_{k+1} S_{k+1}.
    /// </summary>
    public static void CumProdGrad<T>(T[] x, int xOffset, T[] g, int gOffset, int outer, int length, int inner, T[] dx)
        where T : unmanaged, INumber<T>
    {
        ForEachLine(outer, length, inner, start =>
        {
            // dx first holds the exclusive products ∏_{i<k} x_i, then is scaled by S_k from the back.
            var before = T.One;
            for (int r = 0; r < length; r++)
            {
                dx[start + r * inner] = before;
                before *= x[xOffset + start + r * inner];
            }
            var s = T.Zero;
            for (int r = length - 1; r >= 0; r--)
            {
                s = r == length - 1 ? g[gOffset + start + r * inner] : g[gOffset + start + r * inner] + x[xOffset + start + (r + 1) * inner] * s;
                dx[start + r * inner] *= s;
            }
        });
    }

    /// <summary>Runs <paramref name="line"/> with the offset of the first element of each of the outer·inner lines.</summary>
    private static void ForEachLine(int outer, int length, int inner, Action<int> line)
        => ParallelRange.For((long)outer * inner, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, length)), (begin, end) =>
        {
            for (long l = begin; l < end; l++) line((int)(l / inner) * length * inner + (int)(l % inner));
        });
}

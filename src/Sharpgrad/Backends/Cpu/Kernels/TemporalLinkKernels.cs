using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The DNC's temporal link update L_t = (1 − (w_i + w_j)) L_{t−1} + w_i p_j with a zero diagonal, and its backward, each
/// one pass over [B, N, N] (issue #14; formulas in Backends/Backend.Memory.cs). Batch elements are split across threads
/// and each is computed by one thread in a fixed order (rows i in turn, cells j in SIMD vectors then a scalar tail), so
/// the results are bitwise identical for any thread count. The forward repeats the composite's operations in its
/// order, so off the diagonal it equals the composite bit for bit. On the diagonal the kernel writes +0, while the
/// composite multiplies the diagonal product by the mask's 0: that gives −0 where the product is negative and NaN
/// where it is not finite. Both are "0 on the diagonal" as the DNC defines it; only the sign bit or a NaN differs.
/// </summary>
internal static class TemporalLinkKernels
{
    /// <param name="link">[B, N, N] from its offset</param>
    /// <param name="previous">L_{t−1}, [B, N, N]</param>
    /// <param name="write">w_t, [B, N]</param>
    /// <param name="precedence">p_{t−1}, [B, N]</param>
    public static void Link<T>(Span2<T> link, Span2<T> previous, Span2<T> write, Span2<T> precedence, int batch, int cells)
        where T : unmanaged, IFloatingPointIeee754<T>
        => BatchLoop.For(batch, (long)cells * cells, b =>
        {
            ReadOnlySpan<T> w = write.Row(b, cells), p = precedence.Row(b, cells);
            for (int i = 0; i < cells; i++)
            {
                ReadOnlySpan<T> before = previous.Row(b * cells + i, cells);
                Span<T> row = link.Row(b * cells + i, cells);
                T wi = w[i];
                int j = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var (one, vwi) = (Vector<T>.One, new Vector<T>(wi));
                    for (; j <= cells - Vector<T>.Count; j += Vector<T>.Count)
                        ((one - (vwi + new Vector<T>(w[j..]))) * new Vector<T>(before[j..]) + vwi * new Vector<T>(p[j..])).CopyTo(row[j..]);
                }
                for (; j < cells; j++) row[j] = (T.One - (wi + w[j])) * before[j] + wi * p[j];
                row[i] = T.Zero;
            }
        });

    /// <summary>The gradients of <see cref="Link{T}"/>'s three inputs from the gradient of its output (whose diagonal is ignored).</summary>
    public static void LinkBackward<T>(Span2<T> gradPrevious, Span2<T> gradWrite, Span2<T> gradPrecedence, Span2<T> gradLink,
        Span2<T> previous, Span2<T> write, Span2<T> precedence, int batch, int cells) where T : unmanaged, IFloatingPointIeee754<T>
        => BatchLoop.For(batch, (long)cells * cells, b =>
        {
            ReadOnlySpan<T> w = write.Row(b, cells), p = precedence.Row(b, cells);
            Span<T> dw = gradWrite.Row(b, cells), dp = gradPrecedence.Row(b, cells);
            var scratch = new T[2 * cells];
            Span<T> g = scratch.AsSpan(0, cells), columnLoss = scratch.AsSpan(cells, cells);  // Σ_i g[i, j] L_{t−1}[i, j]
            dp.Clear();
            for (int i = 0; i < cells; i++)
            {
                ReadOnlySpan<T> before = previous.Row(b * cells + i, cells);
                Span<T> dBefore = gradPrevious.Row(b * cells + i, cells);
                gradLink.Row(b * cells + i, cells).CopyTo(g);
                g[i] = T.Zero;  // L_t[i, i] is the constant 0
                T wi = w[i], rowSum = T.Zero;
                int j = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var (one, vwi, acc) = (Vector<T>.One, new Vector<T>(wi), Vector<T>.Zero);
                    for (; j <= cells - Vector<T>.Count; j += Vector<T>.Count)
                    {
                        var (gv, lv) = (new Vector<T>(g[j..]), new Vector<T>(before[j..]));
                        (gv * (one - (vwi + new Vector<T>(w[j..])))).CopyTo(dBefore[j..]);
                        acc += gv * (new Vector<T>(p[j..]) - lv);
                        (new Vector<T>(columnLoss[j..]) + gv * lv).CopyTo(columnLoss[j..]);
                        (new Vector<T>(dp[j..]) + gv * vwi).CopyTo(dp[j..]);
                    }
                    rowSum = Vector.Sum(acc);
                }
                for (; j < cells; j++)
                {
                    dBefore[j] = g[j] * (T.One - (wi + w[j]));
                    rowSum += g[j] * (p[j] - before[j]);
                    columnLoss[j] += g[j] * before[j];
                    dp[j] += g[j] * wi;
                }
                dw[i] = rowSum;
            }
            for (int k = 0; k < cells; k++) dw[k] -= columnLoss[k];
        });
}

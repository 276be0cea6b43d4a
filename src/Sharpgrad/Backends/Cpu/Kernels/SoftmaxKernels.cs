using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Softmax and log-softmax over the middle axis of [outer, length, inner]. Each slice is shifted by its max first,
/// so exp never overflows: softmax([1e4, 1e4, 1e4]) is exactly 1/3 each (GBC §4.1).
/// </summary>
internal static class SoftmaxKernels
{
    public static void Softmax<T>(T[] x, int offset, int outer, int length, int inner, T[] y, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParallelRange.For((long)outer * inner, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, length)), (b, e) =>
        {
            for (long s = b; s < e; s++)
            {
                int o = (int)(s / inner), i = (int)(s % inner);
                int start = o * length * inner + i;
                T max = T.NegativeInfinity;
                for (int r = 0; r < length; r++) max = T.Max(max, x[offset + start + r * inner]);
                if (typeof(T) == typeof(float) && inner == 1 && !log && T.IsFinite(max))
                {
                    Float32Line(x.AsSpan(offset + start, length), float.CreateTruncating(max), y.AsSpan(start, length));
                    continue;
                }
                if (T.IsInfinity(max)) max = T.Zero; // an all −∞ (fully masked) slice stays −∞/NaN-free in log form
                T sum = T.Zero;
                for (int r = 0; r < length; r++)
                {
                    T shifted = x[offset + start + r * inner] - max;
                    T ex = T.Exp(shifted);
                    y[start + r * inner] = log ? shifted : ex;
                    sum += ex;
                }
                if (log)
                {
                    T logSum = T.Log(sum);
                    for (int r = 0; r < length; r++) y[start + r * inner] -= logSum;
                }
                else
                {
                    T inv = T.One / sum;
                    for (int r = 0; r < length; r++) y[start + r * inner] *= inv;
                }
            }
        });
    }

    /// <summary>
    /// A contiguous float32 line with a finite max (so no NaN and no +∞ in it): the exps in SIMD lanes
    /// (<see cref="Float32Exp.ApplyNonPositive"/>, about 1 ulp, against the scalar exp's 0.5), summed by lanes, then the
    /// lanes in order, then the tail. The profile of transformer_step put the scalar exp at 2.3% of its samples
    /// (docs/performance.md, tf12). One thread computes a line in a fixed order, so the bits do not depend on the thread
    /// count; they do depend on <see cref="Vector{T}.Count"/> (8 floats with AVX2, 16 where Vector&lt;T&gt; is 512 bits
    /// wide), which decides the lanes the sum runs in and which elements fall to the scalar tail's <c>MathF.Exp</c>: a
    /// machine with another vector width may give other last bits.
    /// </summary>
    private static void Float32Line<T>(ReadOnlySpan<T> xs, float max, Span<T> ys) where T : unmanaged
    {
        var x = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(xs);
        var y = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(ys);
        int width = Vector<float>.Count, r = 0;
        var maxes = new Vector<float>(max);
        var lanes = Vector<float>.Zero;
        for (; r <= x.Length - width; r += width)
        {
            var e = Float32Exp.ApplyNonPositive(new Vector<float>(x[r..]) - maxes);
            e.CopyTo(y[r..]);
            lanes += e;
        }
        float sum = Vector.Sum(lanes);
        for (; r < x.Length; r++) sum += y[r] = MathF.Exp(x[r] - max);
        float inverse = 1f / sum;
        var inverses = new Vector<float>(inverse);
        for (r = 0; r <= y.Length - width; r += width) (new Vector<float>(y[r..]) * inverses).CopyTo(y[r..]);
        for (; r < y.Length; r++) y[r] *= inverse;
    }

    /// <summary>
    /// gx = y ⊙ (g − ⟨g, y⟩) on each line (the softmax Jacobian diag(y) − yyᵀ applied to g), parallel over lines. A line
    /// is summed by one thread in a fixed order (SIMD lanes, then the lanes in order, then the tail), so the bits do not
    /// depend on the thread count.
    /// </summary>
    public static void SoftmaxBackward<T>(T[] y, int yOffset, T[] g, int gOffset, int outer, int length, int inner, T[] gx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParallelRange.For((long)outer * inner, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, length)), (b, e) =>
        {
            for (long s = b; s < e; s++)
            {
                int o = (int)(s / inner), i = (int)(s % inner);
                int start = o * length * inner + i;
                if (inner == 1) ContiguousLine(y.AsSpan(yOffset + start, length), g.AsSpan(gOffset + start, length), gx.AsSpan(start, length));
                else StridedLine(y, yOffset + start, g, gOffset + start, gx, start, length, inner);
            }
        });
    }

    private static void ContiguousLine<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> gx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count, r = 0;
        var lanes = Vector<T>.Zero;
        for (; r <= y.Length - width; r += width) lanes += new Vector<T>(g[r..]) * new Vector<T>(y[r..]);
        T dot = Vector.Sum(lanes);
        for (; r < y.Length; r++) dot += g[r] * y[r];
        var dots = new Vector<T>(dot);
        for (r = 0; r <= y.Length - width; r += width) (new Vector<T>(y[r..]) * (new Vector<T>(g[r..]) - dots)).CopyTo(gx[r..]);
        for (; r < y.Length; r++) gx[r] = y[r] * (g[r] - dot);
    }

    private static void StridedLine<T>(T[] y, int yStart, T[] g, int gStart, T[] gx, int start, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T dot = T.Zero;
        for (int r = 0; r < length; r++) dot += g[gStart + r * inner] * y[yStart + r * inner];
        for (int r = 0; r < length; r++) gx[start + r * inner] = y[yStart + r * inner] * (g[gStart + r * inner] - dot);
    }
}

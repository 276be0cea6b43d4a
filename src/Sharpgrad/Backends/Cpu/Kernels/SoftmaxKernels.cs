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
}

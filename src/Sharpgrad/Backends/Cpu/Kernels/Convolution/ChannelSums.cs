using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>The gradient of a bias added per channel: the output gradient summed over images and positions.</summary>
internal static class ChannelSums
{
    /// <summary>
    /// sums[c] = Σₙ Σₗ t[n, c, l] for a dense t [N, C, L]: a bias's gradient. One thread sums each channel, images in
    /// order, each row in SIMD lanes combined in a fixed order.
    /// </summary>
    public static void Compute<T>(T[] t, int offset, int batch, int channels, int length, T[] sums, int sumsOffset)
        where T : unmanaged, INumber<T>
    {
        long work = Math.Max(1L, (long)batch * length);
        ParallelRange.For(channels, Math.Max(1, StridedLayout.ParallelGrain / work), (begin, end) =>
        {
            for (long c = begin; c < end; c++)
            {
                T total = T.Zero;
                for (int n = 0; n < batch; n++) total += Sum(t.AsSpan(offset + (int)(n * channels + c) * length, length));
                sums[sumsOffset + c] = total;
            }
        });
    }

    private static T Sum<T>(ReadOnlySpan<T> row) where T : unmanaged, INumber<T>
    {
        var lanes = System.Runtime.InteropServices.MemoryMarshal.Cast<T, Vector<T>>(row);
        var acc = Vector<T>.Zero;
        foreach (var v in lanes) acc += v;
        T total = Vector.Sum(acc);
        for (int i = lanes.Length * Vector<T>.Count; i < row.Length; i++) total += row[i];
        return total;
    }
}

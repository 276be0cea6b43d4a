using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// Channels of an image copied into a zero-padded buffer, as the kernels that read the image in place need it
/// (<see cref="ImplicitGemmConvolution"/>, <see cref="DirectConvolution"/>): input pixel i of each dim lands at
/// i + padBefore, every other buffer element is zero, and pixels past the buffer (read by no window) are left out.
/// Each buffer row is written once, zeros around the input's run: clearing the whole buffer first and copying each row
/// with Span.CopyTo took 7% of a ResNet-20 training step (rows of 8–32 floats, three calls per convolution: forward,
/// adjoint and weight gradient; docs/performance.md, branch rn20).
/// </summary>
internal static class PaddedImage
{
    /// <summary>
    /// <paramref name="channels"/> channels [input...] of <paramref name="g"/>, from <paramref name="x"/> at
    /// <paramref name="from"/>, into buffers of sizes <paramref name="buffer"/>, <paramref name="plane"/> elements apart,
    /// in <paramref name="target"/> at <paramref name="to"/>.
    /// </summary>
    public static void Write<T>(ConvGeometry g, int[] buffer, int plane, T[] x, int from, int channels, T[] target, int to) where T : unmanaged
    {
        int[] input = g.Input, pad = g.PadBefore;
        if (pad[0] < 0 || pad[1] < 0 || pad[2] < 0)
            throw new ArgumentException($"PaddedImage: padding before of {string.Join("×", pad)}; a negative padding has no padded buffer.");
        if (x.Length < from + (long)channels * g.InputVolume || target.Length < to + (long)channels * plane)
            throw new ArgumentException($"PaddedImage: {channels} channels of {g.InputVolume} values at {from} (array of {x.Length}) into "
                + $"{plane} each at {to} (array of {target.Length}).");
        // The input's run along each dim, clipped to the buffer.
        int length = Math.Min(input[2], buffer[2] - pad[2]), depth = Math.Min(input[0], buffer[0] - pad[0]), height = Math.Min(input[1], buffer[1] - pad[1]);
        ref T source = ref MemoryMarshal.GetArrayDataReference(x);
        ref T rows = ref MemoryMarshal.GetArrayDataReference(target);
        for (int c = 0; c < channels; c++)
            for (int bd = 0; bd < buffer[0]; bd++)
                for (int bh = 0; bh < buffer[1]; bh++)
                {
                    int id = bd - pad[0], ih = bh - pad[1];
                    ref T row = ref Unsafe.Add(ref rows, to + c * plane + (bd * buffer[1] + bh) * buffer[2]);
                    if (id < 0 || id >= depth || ih < 0 || ih >= height || length <= 0) Row(ref row, buffer[2], 0, ref source, 0);
                    else Row(ref row, buffer[2], pad[2], ref Unsafe.Add(ref source, from + ((c * input[0] + id) * input[1] + ih) * input[2]), length);
                }
    }

    /// <summary>row[0, width) = <paramref name="before"/> zeros, the <paramref name="length"/> values of <paramref name="run"/>, then zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<T>(ref T row, int width, int before, ref T run, int length) where T : unmanaged
    {
        int j = 0, end = before + length;
        for (; j < before; j++) Unsafe.Add(ref row, j) = default;
        ref T to = ref Unsafe.Add(ref row, before);
        int k = 0;
        for (; k <= length - Vector<T>.Count; k += Vector<T>.Count)
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref run, (nuint)k), ref to, (nuint)k);
        for (; k < length; k++) Unsafe.Add(ref to, k) = Unsafe.Add(ref run, k);
        for (j = end; j < width; j++) Unsafe.Add(ref row, j) = default;
    }
}

using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Max pooling (GBC §9.3): each output is the largest input in its window, and its index (the "switch", the
/// position within the input plane) is kept so that backward, and unpooling, can route a value back to where it
/// came from. Ties go to the first maximum in row-major window order, and a NaN wins, as in PyTorch.
/// </summary>
internal static class MaxPoolKernel
{
    /// <param name="x">contiguous input [planes, input volume] from <paramref name="xOffset"/></param>
    /// <param name="values">[planes, output volume]</param>
    /// <param name="indices">[planes, output volume]: the input position of each maximum within its plane</param>
    public static void Run<T>(T[] x, int xOffset, PoolWindows windows, T[] values, long[] indices) where T : unmanaged, INumber<T>
        => windows.Walk(p => new Reducer<T>(x, xOffset + p * windows.InputVolume, values, indices, p * windows.OutputVolume));

    private struct Reducer<T>(T[] x, int plane, T[] values, long[] indices, int outputPlane) : PoolWindows.IReducer
        where T : unmanaged, INumber<T>
    {
        private int output, best;
        private T bestValue;

        public void Begin(int output, double divisor)
        {
            this.output = output;
            best = -1;
        }

        public void Tap(int pixel)
        {
            var v = x[plane + pixel];
            if (best < 0 || v > bestValue || T.IsNaN(v))
            {
                best = pixel;
                bestValue = v;
            }
        }

        public readonly void End()
        {
            values[outputPlane + output] = bestValue;
            indices[outputPlane + output] = best;
        }
    }
}

using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Average pooling (GBC §9.3) and its adjoint. The forward pass divides each window's sum by the window's divisor
/// (<see cref="PoolWindows"/>); the adjoint spreads each output gradient evenly back over its window, adding where
/// windows overlap. Because the two are transposes of one linear map, each is the other's backward.
/// </summary>
internal static class AvgPoolKernel
{
    /// <summary>y[p, o] = Σ_{i in window(o)} x[p, i] / divisor(o).</summary>
    public static void Forward<T>(T[] x, int xOffset, PoolWindows windows, T[] y) where T : unmanaged, INumber<T>
        => windows.Walk(p => new Average<T>(x, xOffset + p * windows.InputVolume, y, p * windows.OutputVolume));

    /// <summary>x[p, i] += Σ_{o: i in window(o)} y[p, o] / divisor(o). <paramref name="x"/> must be zeroed.</summary>
    public static void Adjoint<T>(T[] y, int yOffset, PoolWindows windows, T[] x) where T : unmanaged, INumber<T>
        => windows.Walk(p => new Spread<T>(y, yOffset + p * windows.OutputVolume, x, p * windows.InputVolume));

    private struct Average<T>(T[] x, int plane, T[] y, int outputPlane) : PoolWindows.IReducer where T : unmanaged, INumber<T>
    {
        private int output;
        private T sum, divisor;

        public void Begin(int output, double divisor)
        {
            this.output = output;
            this.divisor = T.CreateChecked(divisor);
            sum = T.Zero;
        }

        public void Tap(int pixel) => sum += x[plane + pixel];

        public readonly void End() => y[outputPlane + output] = sum / divisor;
    }

    private struct Spread<T>(T[] y, int outputPlane, T[] x, int plane) : PoolWindows.IReducer where T : unmanaged, INumber<T>
    {
        private T share;

        public void Begin(int output, double divisor) => share = y[outputPlane + output] / T.CreateChecked(divisor);

        public readonly void Tap(int pixel) => x[plane + pixel] += share;

        public readonly void End() { }
    }
}

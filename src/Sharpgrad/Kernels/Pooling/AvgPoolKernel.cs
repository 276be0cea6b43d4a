using System.Numerics;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Average pooling (GBC §9.3) and its adjoint. The forward pass divides each window's sum by the window's divisor
/// (<see cref="PoolWindows.Divisors{T}"/>); the adjoint spreads each output gradient evenly back over its window,
/// adding where windows overlap. Because the two are transposes of one linear map, each is the other's backward.
/// Both run in parallel over planes and overwrite their output; the 2-wide stride-2 windows take a vectorised path
/// that adds in the same order as the general walk (0 + left + right, then the lower row), so it gives the same bits.
/// </summary>
internal static class AvgPoolKernel
{
    /// <summary>y[p, o] = Σ_{i in window(o)} x[p, i] / divisor(o).</summary>
    public static void Forward<T>(T[] x, int xOffset, PoolWindows windows, T[] y) where T : unmanaged, INumber<T>
        => Forward(x, xOffset, windows, y, SimdPaths.Selected);

    /// <summary>As above, on a chosen path (tests run the Vector256 and scalar pair paths on the same inputs).</summary>
    internal static void Forward<T>(T[] x, int xOffset, PoolWindows windows, T[] y, SimdPath path) where T : unmanaged, INumber<T>
    {
        var divisors = windows.Divisors<T>();
        windows.ForPlanes((begin, end) =>
        {
            int inputVolume = windows.InputVolume, outputVolume = windows.OutputVolume;
            for (int p = begin; p < end; p++)
            {
                if (windows.PairRows > 0)
                {
                    PairAverages<T>(x.AsSpan(xOffset + p * inputVolume, inputVolume), windows, divisors, y.AsSpan(p * outputVolume, outputVolume), path);
                    continue;
                }
                windows.WalkPlane<Average<T>, T>(new Average<T>(x, xOffset + p * inputVolume, divisors, y, p * outputVolume));
            }
        });
    }

    /// <summary>x[p, i] = Σ_{o: i in window(o)} y[p, o] / divisor(o), summed in output order; overwrites <paramref name="x"/>.</summary>
    public static void Adjoint<T>(T[] y, int yOffset, PoolWindows windows, T[] x) where T : unmanaged, INumber<T>
        => Adjoint(y, yOffset, windows, x, SimdPaths.Selected);

    /// <summary>As above, on a chosen path.</summary>
    internal static void Adjoint<T>(T[] y, int yOffset, PoolWindows windows, T[] x, SimdPath path) where T : unmanaged, INumber<T>
    {
        var divisors = windows.Divisors<T>();
        windows.ForPlanes((begin, end) =>
        {
            int inputVolume = windows.InputVolume, outputVolume = windows.OutputVolume;
            for (int p = begin; p < end; p++)
            {
                var plane = x.AsSpan(p * inputVolume, inputVolume);
                plane.Clear();
                if (windows.PairRows > 0)
                {
                    PairSpread<T>(y.AsSpan(yOffset + p * outputVolume, outputVolume), windows, divisors, plane, path);
                    continue;
                }
                windows.WalkPlane<Spread<T>, T>(new Spread<T>(y, yOffset + p * outputVolume, divisors, x, p * inputVolume));
            }
        });
    }

    /// <summary>
    /// The averages of the 2×2 (or 1×2) stride-2 windows of one plane, V at a time; a row's last block is shifted
    /// left to end at the row's end, and rows narrower than V are scalar.
    /// </summary>
    private static void PairAverages<T>(ReadOnlySpan<T> x, PoolWindows windows, T[] divisors, Span<T> y, SimdPath path) where T : unmanaged, INumber<T>
    {
        int rows = windows.PairRows, height = windows.Input[1], width = windows.Input[2];
        int outRows = windows.Output[1], outCols = windows.Output[2];
        int lanes = PairLanes.IsAccelerated<T>(path) ? Vector256<T>.Count : int.MaxValue;
        int below = rows == 2 ? width : 0;
        for (int z = 0; z < windows.Output[0]; z++)
            for (int oh = 0; oh < outRows; oh++)
            {
                int top = (z * height + rows * oh) * width, o = (z * outRows + oh) * outCols;
                if (outCols >= lanes)
                    for (int ow = 0; ow < outCols; ow += lanes)
                    {
                        int at = Math.Min(ow, outCols - lanes), i = top + 2 * at;
                        var (left, right) = PairLanes.Split(Vector256.Create(x.Slice(i, lanes)), Vector256.Create(x.Slice(i + lanes, lanes)));
                        var sum = Vector256<T>.Zero + left + right;
                        if (below > 0)
                        {
                            var (lowerLeft, lowerRight) = PairLanes.Split(
                                Vector256.Create(x.Slice(i + below, lanes)), Vector256.Create(x.Slice(i + below + lanes, lanes)));
                            sum = sum + lowerLeft + lowerRight;
                        }
                        (sum / Vector256.Create(divisors.AsSpan(o + at, lanes))).CopyTo(y[(o + at)..]);
                    }
                else
                    for (int ow = 0; ow < outCols; ow++)
                    {
                        int i = top + 2 * ow;
                        T sum = T.Zero + x[i] + x[i + 1];
                        if (below > 0) sum = sum + x[i + below] + x[i + below + 1];
                        y[o + ow] = sum / divisors[o + ow];
                    }
            }
    }

    /// <summary>
    /// The adjoint on 2×2 (or 1×2) stride-2 windows: each window's share written to its inputs, V windows at a time.
    /// The windows do not overlap, so 0 + share is the whole sum; the plane is already cleared for uncovered inputs.
    /// </summary>
    private static void PairSpread<T>(ReadOnlySpan<T> y, PoolWindows windows, T[] divisors, Span<T> x, SimdPath path) where T : unmanaged, INumber<T>
    {
        int rows = windows.PairRows, height = windows.Input[1], width = windows.Input[2];
        int outRows = windows.Output[1], outCols = windows.Output[2];
        int lanes = PairLanes.IsAccelerated<T>(path) ? Vector256<T>.Count : int.MaxValue;
        for (int z = 0; z < windows.Output[0]; z++)
            for (int oh = 0; oh < outRows; oh++)
            {
                int top = (z * height + rows * oh) * width, o = (z * outRows + oh) * outCols;
                if (outCols >= lanes)
                    for (int ow = 0; ow < outCols; ow += lanes)
                    {
                        int at = Math.Min(ow, outCols - lanes), i = top + 2 * at;
                        var share = Vector256<T>.Zero + Vector256.Create(y.Slice(o + at, lanes)) / Vector256.Create(divisors.AsSpan(o + at, lanes));
                        var (low, high) = PairLanes.Repeat(share);
                        for (int r = 0; r < rows; r++)
                        {
                            low.CopyTo(x[(i + r * width)..]);
                            high.CopyTo(x[(i + r * width + lanes)..]);
                        }
                    }
                else
                    for (int ow = 0; ow < outCols; ow++)
                    {
                        int i = top + 2 * ow;
                        T share = T.Zero + y[o + ow] / divisors[o + ow];
                        for (int r = 0; r < rows; r++) x[i + r * width] = x[i + r * width + 1] = share;
                    }
            }
    }

    private readonly struct Average<T>(T[] x, int plane, T[] divisors, T[] y, int outputPlane) : PoolWindows.IReducer<T>
        where T : unmanaged, INumber<T>
    {
        public T Begin(int output) => T.Zero;

        public T Tap(T sum, int pixel) => sum + x[plane + pixel];

        public void End(int output, T sum) => y[outputPlane + output] = sum / divisors[output];
    }

    /// <summary>The adjoint's reducer: the accumulator is the window's share, added to each of its inputs.</summary>
    private readonly struct Spread<T>(T[] y, int outputPlane, T[] divisors, T[] x, int plane) : PoolWindows.IReducer<T>
        where T : unmanaged, INumber<T>
    {
        public T Begin(int output) => y[outputPlane + output] / divisors[output];

        public T Tap(T share, int pixel)
        {
            x[plane + pixel] += share;
            return share;
        }

        public void End(int output, T share) { }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
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
                    windows.WalkPairs(new PairAverages<T>(x.AsSpan(xOffset + p * inputVolume, inputVolume), windows.PairBelow,
                        divisors, y.AsSpan(p * outputVolume, outputVolume)), PairLanes.Lanes<T>(path));
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
                    windows.WalkPairs(new PairSpread<T>(y.AsSpan(yOffset + p * outputVolume, outputVolume), divisors, windows.PairRows, windows.Input[2],
                        plane), PairLanes.Lanes<T>(path));
                    continue;
                }
                windows.WalkPlane<Spread<T>, T>(new Spread<T>(y, yOffset + p * outputVolume, divisors, x, p * inputVolume));
            }
        });
    }

    /// <summary>
    /// The averages of the 2×2 (or 1×2) stride-2 windows of one plane, V at a time, added as the general walk adds
    /// them; <paramref name="below"/> is the row length, or 0 for one row.
    /// </summary>
    private readonly ref struct PairAverages<T>(ReadOnlySpan<T> x, int below, ReadOnlySpan<T> divisors, Span<T> y) : PoolWindows.IPairVisitor
        where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> x = x, divisors = divisors;
        private readonly Span<T> y = y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(int i, int o)
        {
            var (left, right) = PairLanes.LoadSplit(x, i);
            var sum = Vector256<T>.Zero + left + right;
            if (below > 0)
            {
                var (lowerLeft, lowerRight) = PairLanes.LoadSplit(x, i + below);
                sum = sum + lowerLeft + lowerRight;
            }
            (sum / Vector256.Create(divisors.Slice(o, Vector256<T>.Count))).CopyTo(y[o..]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Single(int i, int o)
        {
            T sum = T.Zero + x[i] + x[i + 1];
            if (below > 0) sum = sum + x[i + below] + x[i + below + 1];
            y[o] = sum / divisors[o];
        }
    }

    /// <summary>
    /// The adjoint on 2×2 (or 1×2) stride-2 windows: each window's share written to its <paramref name="rows"/> rows
    /// of 2 inputs, V windows at a time. The windows do not overlap, so 0 + share is the whole sum; the plane is
    /// already cleared for uncovered inputs.
    /// </summary>
    private readonly ref struct PairSpread<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> divisors, int rows, int width, Span<T> x) : PoolWindows.IPairVisitor
        where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> y = y, divisors = divisors;
        private readonly Span<T> x = x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(int i, int o)
        {
            int lanes = Vector256<T>.Count;
            var share = Vector256<T>.Zero + Vector256.Create(y.Slice(o, lanes)) / Vector256.Create(divisors.Slice(o, lanes));
            var (low, high) = PairLanes.Repeat(share);
            for (int r = 0; r < rows; r++)
            {
                low.CopyTo(x[(i + r * width)..]);
                high.CopyTo(x[(i + r * width + lanes)..]);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Single(int i, int o)
        {
            T share = T.Zero + y[o] / divisors[o];
            for (int r = 0; r < rows; r++) x[i + r * width] = x[i + r * width + 1] = share;
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

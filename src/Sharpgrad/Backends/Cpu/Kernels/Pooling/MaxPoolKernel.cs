using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Max pooling (GBC §9.3): each output is the largest input in its window, and its index (the "switch", the
/// position within the input plane) is kept so that backward, and unpooling, can route a value back to where it
/// came from. Ties go to the first maximum in row-major window order, and a NaN wins (the last NaN, if several),
/// as in PyTorch. Both passes run in parallel over planes; each plane reads and writes only its own data.
/// </summary>
internal static class MaxPoolKernel
{
    /// <summary>The maxima and their switches in one pass.</summary>
    /// <param name="x">contiguous input [planes, input volume] from <paramref name="xOffset"/></param>
    /// <param name="values">[planes, output volume]</param>
    /// <param name="indices">[planes, output volume]: the input position of each maximum within its plane</param>
    public static void Forward<T>(T[] x, int xOffset, PoolWindows windows, T[] values, long[] indices) where T : unmanaged, INumber<T>
        => Forward(x, xOffset, windows, values, indices, SimdPaths.Selected);

    /// <summary>As above, on a chosen path (tests run the Vector256 and scalar pair paths on the same inputs).</summary>
    internal static void Forward<T>(T[] x, int xOffset, PoolWindows windows, T[] values, long[] indices, SimdPath path) where T : unmanaged, INumber<T>
        => windows.ForPlanes((begin, end) =>
        {
            int inputVolume = windows.InputVolume, outputVolume = windows.OutputVolume;
            for (int p = begin; p < end; p++)
            {
                if (windows.PairRows > 0)
                {
                    windows.WalkPairs(new PairMaxima<T>(x.AsSpan(xOffset + p * inputVolume, inputVolume), windows.PairBelow,
                        values.AsSpan(p * outputVolume, outputVolume), indices.AsSpan(p * outputVolume, outputVolume)), PairLanes.Lanes<T>(path));
                    continue;
                }
                var reducer = new Reducer<T>(x, xOffset + p * inputVolume, values, indices, p * outputVolume);
                if (windows.StrideTwoEnd > 0)
                {
                    windows.WalkStrideTwoRows(new StrideTwoMaxima<T>(x.AsSpan(xOffset + p * inputVolume, inputVolume), reducer,
                        values.AsSpan(p * outputVolume, outputVolume), indices.AsSpan(p * outputVolume, outputVolume)), PairLanes.Lanes<T>(path));
                    continue;
                }
                windows.WalkPlane<Reducer<T>, (T, int)>(reducer);
            }
        });

    /// <summary>
    /// The adjoint of picking the maxima: dx[p, i] = Σ g[p, o] over the outputs o whose switch is i, added in output
    /// order so that overlapping windows sum deterministically. Overwrites <paramref name="dx"/> [planes, input volume].
    /// </summary>
    public static void Backward<T>(T[] g, int gOffset, long[] indices, int indicesOffset, PoolWindows windows, T[] dx)
        where T : unmanaged, INumber<T>
        => windows.ForPlanes((begin, end) =>
        {
            int inputVolume = windows.InputVolume, outputVolume = windows.OutputVolume;
            for (int p = begin; p < end; p++)
            {
                var plane = dx.AsSpan(p * inputVolume, inputVolume);
                var gradients = g.AsSpan(gOffset + p * outputVolume, outputVolume);
                var switches = indices.AsSpan(indicesOffset + p * outputVolume, outputVolume);
                plane.Clear();
                for (int o = 0; o < switches.Length; o++) plane[(int)switches[o]] += gradients[o];
            }
        });

    /// <summary>
    /// 1 when <paramref name="later"/> replaces the maximum so far (larger, or NaN), else 0. Computed and used without
    /// a branch (<see cref="Pick"/>), because on real data the outcome is a coin toss that a branch would mispredict.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Better<T>(T later, T earlier) where T : INumber<T> => Unsafe.BitCast<bool, byte>(later > earlier | T.IsNaN(later));

    /// <summary><paramref name="taken"/> when <paramref name="take"/> is 1, <paramref name="kept"/> when it is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pick(int take, int taken, int kept) => kept ^ ((kept ^ taken) & -take);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Better<T>(Vector256<T> later, Vector256<T> earlier)
        => Vector256.GreaterThan(later, earlier) | ~Vector256.Equals(later, later);

    /// <summary>
    /// The 2×2 (or 1×2) stride-2 windows of one plane (<see cref="PoolWindows.PairRows"/>), V windows at a time:
    /// the left/right maximum of each row, then the upper/lower one. "Larger, or NaN, or else the earlier" is a
    /// maximum under a total order of (value, position), so this tree gives the same value and switch as the
    /// row-major scan of the general walk. <paramref name="below"/> is the row length, or 0 for one row.
    /// </summary>
    private readonly ref struct PairMaxima<T>(ReadOnlySpan<T> x, int below, Span<T> values, Span<long> indices) : PoolWindows.IPairVisitor
        where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> x = x;
        private readonly Span<T> values = values;
        private readonly Span<long> indices = indices;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(int i, int o)
        {
            var (left, right) = PairLanes.LoadSplit(x, i);
            var isRight = Better(right, left);
            var best = Vector256.ConditionalSelect(isRight, right, left);
            var isLower = Vector256<T>.Zero;
            if (below > 0)
            {
                var (lowerLeft, lowerRight) = PairLanes.LoadSplit(x, i + below);
                var isLowerRight = Better(lowerRight, lowerLeft);
                var lower = Vector256.ConditionalSelect(isLowerRight, lowerRight, lowerLeft);
                isLower = Better(lower, best);
                best = Vector256.ConditionalSelect(isLower, lower, best);
                isRight = Vector256.ConditionalSelect(isLower, isLowerRight, isRight);
            }
            best.CopyTo(values[o..]);
            PairLanes.StoreSwitches(isRight, isLower, i, below, indices[o..]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Single(int i, int o)
        {
            int at = i + Better(x[i + 1], x[i]);
            if (below > 0)
            {
                int lower = i + below + Better(x[i + below + 1], x[i + below]);
                at = Pick(Better(x[lower], x[at]), lower, at);
            }
            values[o] = x[at];
            indices[o] = at;
        }
    }

    /// <summary>
    /// The windows of stride-2 pooling (<see cref="PoolWindows.StrideTwoBegin"/>; ResNet's 3×3 stride-2 max pool took 8%
    /// of ResNet-18's batch-1 inference on the general walk, docs/performance.md), V at a time: each tap of the V windows
    /// is the even half of 2V consecutive inputs, folded in row-major tap order with the general walk's rule (the first
    /// tap, then "larger, or NaN"), so values and switches are the general walk's, bit for bit. The V switches are kept
    /// as integer lanes (32-bit for float, 64-bit for double) inside a vector of T, selected by the same masks.
    /// Windows outside the run go through the general walk's <see cref="Reducer{T}"/>.
    /// </summary>
    private readonly ref struct StrideTwoMaxima<T>(ReadOnlySpan<T> x, Reducer<T> reducer, Span<T> values, Span<long> indices) : PoolWindows.IRowVisitor
        where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> x = x;
        private readonly Span<T> values = values;
        private readonly Span<long> indices = indices;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(scoped ReadOnlySpan<int> tapRows, int column, int width, int o)
        {
            Vector256<T> best = default, at = default;
            bool first = true;
            foreach (int row in tapRows)
                for (int t = 0, i = row + column; t < width; t++, i++)
                {
                    var v = PairLanes.LoadSplit(x, i).Left;
                    var position = Positions(i);
                    if (first)
                    {
                        (best, at, first) = (v, position, false);
                        continue;
                    }
                    var take = Better(v, best);
                    best = Vector256.ConditionalSelect(take, v, best);
                    at = Vector256.ConditionalSelect(take, position, at);
                }
            best.CopyTo(values[o..]);
            if (Unsafe.SizeOf<T>() == 4)
            {
                var (low, high) = Vector256.Widen(at.AsInt32());
                low.CopyTo(indices[o..]);
                high.CopyTo(indices[(o + Vector256<long>.Count)..]);
            }
            else at.AsInt64().CopyTo(indices[o..]);
        }

        /// <summary>i, i + 2, …, i + 2(V − 1) as integer lanes of T's width.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> Positions(int i) => Unsafe.SizeOf<T>() == 4
            ? (Vector256.Create(i) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14)).As<int, T>()
            : (Vector256.Create((long)i) + Vector256.Create(0L, 2, 4, 6)).As<long, T>();

        public void Single(scoped ReadOnlySpan<int> tapRows, int column, int width, int o)
        {
            var acc = reducer.Begin(o);
            foreach (int row in tapRows)
                for (int t = 0; t < width; t++) acc = reducer.Tap(acc, row + column + t);
            reducer.End(o, acc);
        }
    }

    /// <summary>
    /// The general walk's reducer: the accumulator is the maximum so far and its switch (−1 before the first tap).
    /// The value is chosen with a blend rather than a branch or a reload, which keeps the chain from one tap to the
    /// next to a compare and a blend.
    /// </summary>
    private readonly struct Reducer<T>(T[] x, int plane, T[] values, long[] indices, int outputPlane) : PoolWindows.IReducer<(T Value, int At)>
        where T : unmanaged, INumber<T>
    {
        public (T Value, int At) Begin(int output) => (T.Zero, -1);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (T Value, int At) Tap((T Value, int At) best, int pixel)
        {
            var v = Vector128.CreateScalarUnsafe(x[plane + pixel]);
            var kept = Vector128.CreateScalarUnsafe(best.Value);
            // The first tap (At < 0) always takes: compare it with itself, which only NaN wins, and keep it anyway.
            var first = Vector128.Create(-(best.At >>> 31)).As<int, T>();
            var take = first | Vector128.GreaterThan(v, kept) | ~Vector128.Equals(v, v);
            return (Vector128.ConditionalSelect(take, v, kept).ToScalar(), Pick(take.AsInt32().ToScalar() & 1, pixel, best.At));
        }

        public void End(int output, (T Value, int At) best)
        {
            values[outputPlane + output] = best.Value;
            indices[outputPlane + output] = best.At;
        }
    }
}

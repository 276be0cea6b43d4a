using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The lane shuffles of the 2-wide pooling fast paths (<see cref="PoolWindows.PairRows"/>): 2V consecutive inputs
/// of a row split into the V left and V right taps of V windows, V window values each doubled back into 2V inputs,
/// and the V switches of a row of windows. Written against 256-bit vectors for float and double (the only dtypes
/// pooling takes); callers ask <see cref="Lanes{T}"/> whether to run them or their scalar loop.
/// </summary>
internal static class PairLanes
{
    /// <summary>
    /// V, the windows per block of the fast paths (<see cref="PoolWindows.WalkPairs{TVisitor}"/>), when they run on
    /// 256-bit vectors: on <see cref="SimdPath.Vector256"/> or wider (the selected path, or the one a test passes).
    /// Otherwise int.MaxValue, so that every row takes the scalar loop, as <c>SHARPGRAD_SIMD=scalar</c> or <c>v128</c> asks.
    /// </summary>
    public static int Lanes<T>(SimdPath path)
        => path >= SimdPath.Vector256 && Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            ? Vector256<T>.Count : int.MaxValue;

    /// <summary>The left and right taps of the V windows whose inputs are x[i … i + 2V − 1] (<see cref="Split{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<T> Left, Vector256<T> Right) LoadSplit<T>(ReadOnlySpan<T> x, int i)
        => Split(Vector256.Create(x.Slice(i, Vector256<T>.Count)), Vector256.Create(x.Slice(i + Vector256<T>.Count, Vector256<T>.Count)));

    /// <summary>(x0, x2, x4, …) and (x1, x3, x5, …) of the 2V values low ++ high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<T> Even, Vector256<T> Odd) Split<T>(Vector256<T> low, Vector256<T> high)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            // A pair of 32-bit lanes is one 64-bit lane whose low half (little-endian) is the even element.
            Vector256<ulong> l = low.AsUInt64(), h = high.AsUInt64();
            return (Vector256.Narrow(l, h).As<uint, T>(),
                Vector256.Narrow(Vector256.ShiftRightLogical(l, 32), Vector256.ShiftRightLogical(h, 32)).As<uint, T>());
        }
        var lo = Vector256.Shuffle(low.AsInt64(), Vector256.Create(0L, 2, 1, 3));
        var hi = Vector256.Shuffle(high.AsInt64(), Vector256.Create(0L, 2, 1, 3));
        return (Vector256.Create(lo.GetLower(), hi.GetLower()).As<long, T>(), Vector256.Create(lo.GetUpper(), hi.GetUpper()).As<long, T>());
    }

    /// <summary>(v0, v0, v1, v1, …): the V values each repeated, as 2V values low ++ high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<T> Low, Vector256<T> High) Repeat<T>(Vector256<T> v)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var (l, h) = Vector256.Widen(v.AsUInt32());
            return ((l | Vector256.ShiftLeft(l, 32)).As<ulong, T>(), (h | Vector256.ShiftLeft(h, 32)).As<ulong, T>());
        }
        var x = v.AsInt64();
        return (Vector256.Shuffle(x, Vector256.Create(0L, 0, 1, 1)).As<long, T>(), Vector256.Shuffle(x, Vector256.Create(2L, 2, 3, 3)).As<long, T>());
    }

    /// <summary>
    /// Stores the V switches first + 2j + (right_j ? 1 : 0) + (lower_j ? rowLength : 0) of windows j = 0 … V − 1,
    /// where <paramref name="right"/> and <paramref name="lower"/> are all-ones lane masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSwitches<T>(Vector256<T> right, Vector256<T> lower, int first, int rowLength, Span<long> destination)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var lanes = Vector256.Create(first) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14)
                + (right.AsInt32() & Vector256<int>.One) + (lower.AsInt32() & Vector256.Create(rowLength));
            var (l, h) = Vector256.Widen(lanes);
            l.CopyTo(destination);
            h.CopyTo(destination[Vector256<long>.Count..]);
        }
        else
        {
            var lanes = Vector256.Create((long)first) + Vector256.Create(0L, 2, 4, 6)
                + (right.AsInt64() & Vector256<long>.One) + (lower.AsInt64() & Vector256.Create((long)rowLength));
            lanes.CopyTo(destination);
        }
    }
}

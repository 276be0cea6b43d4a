using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The lane shuffles of the 2-wide pooling fast paths (<see cref="PoolWindows.PairRows"/>): 2V consecutive inputs
/// of a row split into the V left and V right taps of V windows, V window values each doubled back into 2V inputs,
/// and the V switches of a row of windows. Written against 256-bit vectors for float and double (the only dtypes
/// pooling takes); callers check <see cref="IsAccelerated{T}"/> and run their scalar loop otherwise.
/// </summary>
internal static class PairLanes
{
    /// <summary>
    /// Whether the fast paths run on 256-bit vectors: on <see cref="SimdPath.Vector256"/> or wider (the selected
    /// path, or the one a test passes), so that <c>SHARPGRAD_SIMD=scalar</c> or <c>v128</c> takes the scalar loop.
    /// </summary>
    public static bool IsAccelerated<T>(SimdPath path)
        => path >= SimdPath.Vector256 && Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

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

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// One optimiser's update of a vector of parameter elements: reads θ, g and up to three state slots, returns the new θ
/// and writes back the slots it keeps (a slot the rule does not use is scratch). Written over SIMD vectors for the CPU
/// backend and over one element for the reference backend; the update is +, −, ×, ÷, √ and max, which round
/// identically in every lane and in scalar code, so the CPU kernel sends the few elements past the last whole vector
/// through the vector form in a padded vector, and the two forms agree bit for bit.
/// </summary>
internal interface IUpdateRule<T> where T : unmanaged
{
    /// <summary>The update of a vector of elements (the CPU backend).</summary>
    Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> state0, ref Vector<T> state1, ref Vector<T> state2);

    /// <summary>The same update of one element (the reference backend): the same operations in the same order.</summary>
    T Apply(T param, T grad, ref T state0, ref T state1, ref T state2);
}

/// <summary>A contiguous run of elements from <see cref="Offset"/>; a null <see cref="Data"/> marks an unused state slot.</summary>
internal readonly record struct Strip<T>(T[]? Data, int Offset) where T : unmanaged;

/// <summary>
/// Runs an optimiser's update over a parameter in one pass over memory (issue #4): each element of θ, g and the state
/// is read once and written once, with no temporaries, where the tensor-op formulation made a pass and an allocation
/// per operation. Large parameters are cut into chunks whose boundaries depend only on the element count; the update
/// is elementwise, so the result is the same for any thread count anyway.
/// </summary>
internal static class UpdateKernels
{
    public static void Run<T, TRule>(TRule rule, int count, Strip<T> param, Strip<T> grad, Strip<T> state0, Strip<T> state1, Strip<T> state2)
        where T : unmanaged where TRule : struct, IUpdateRule<T>
    {
        long chunks = Math.Max(1, count / StridedLayout.ParallelGrain);
        if (chunks == 1)
        {
            Chunk(rule, 0, count, param, grad, state0, state1, state2);
            return;
        }
        int size = (int)((count + chunks - 1) / chunks);
        ParallelRange.ForChunks((int)chunks, c =>
        {
            long begin = (long)c * size;
            if (begin < count) Chunk(rule, (int)begin, (int)Math.Min(count, begin + size) - (int)begin, param, grad, state0, state1, state2);
        });
    }

    // Straight to optimised code: a training loop calls this a few times per step, too few for tiering to catch up
    // before a short run ends (as GemmLoopNest).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Chunk<T, TRule>(TRule rule, int begin, int length, Strip<T> param, Strip<T> grad, Strip<T> state0, Strip<T> state1, Strip<T> state2)
        where T : unmanaged where TRule : struct, IUpdateRule<T>
    {
        var p = Vectors(param, begin, length);
        var g = Vectors(grad, begin, length);
        var s0 = Vectors(state0, begin, length);
        var s1 = Vectors(state1, begin, length);
        var s2 = Vectors(state2, begin, length);
        Vector<T> scratch = default;
        for (int v = 0; v < p.Length; v++)
        {
            ref var a = ref s0.IsEmpty ? ref scratch : ref s0[v];
            ref var b = ref s1.IsEmpty ? ref scratch : ref s1[v];
            ref var c = ref s2.IsEmpty ? ref scratch : ref s2[v];
            p[v] = rule.Apply(p[v], g[v], ref a, ref b, ref c);
        }

        int done = p.Length * Vector<T>.Count, rest = length - done;
        if (rest == 0) return;
        int at = begin + done;
        var tp = LoadTail(param, at, rest);
        var tg = LoadTail(grad, at, rest);
        var t0 = LoadTail(state0, at, rest);
        var t1 = LoadTail(state1, at, rest);
        var t2 = LoadTail(state2, at, rest);
        StoreTail(rule.Apply(tp, tg, ref t0, ref t1, ref t2), param, at, rest);
        StoreTail(t0, state0, at, rest);
        StoreTail(t1, state1, at, rest);
        StoreTail(t2, state2, at, rest);
    }

    private static Span<Vector<T>> Vectors<T>(Strip<T> strip, int begin, int length) where T : unmanaged
        => strip.Data is null ? default : MemoryMarshal.Cast<T, Vector<T>>(strip.Data.AsSpan(strip.Offset + begin, length));

    private static Vector<T> LoadTail<T>(Strip<T> strip, int at, int length) where T : unmanaged
    {
        if (strip.Data is null) return default;
        Span<T> lanes = stackalloc T[Vector<T>.Count];
        lanes.Clear();
        strip.Data.AsSpan(strip.Offset + at, length).CopyTo(lanes);
        return new Vector<T>(lanes);
    }

    private static void StoreTail<T>(Vector<T> value, Strip<T> strip, int at, int length) where T : unmanaged
    {
        if (strip.Data is null) return;
        Span<T> lanes = stackalloc T[Vector<T>.Count];
        value.CopyTo(lanes);
        lanes[..length].CopyTo(strip.Data.AsSpan(strip.Offset + at, length));
    }
}

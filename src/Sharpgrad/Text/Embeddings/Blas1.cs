using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The two level-1 BLAS routines word2vec spends its time in (gensim calls sdot and saxpy): a dot product and
/// y ← y + a·x, with <see cref="Vector{T}"/> lanes. The lane count is fixed for a machine, so the summation order,
/// and hence every bit of the result, is the same on every call and thread.
/// </summary>
internal static class Blas1
{
    /// <summary>x·y over the first <c>x.Length</c> elements (y must be at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException($"Blas1.Dot: y has {y.Length} elements, expected at least {n}.");
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            sum += Vector.LoadUnsafe(ref xs, (nuint)i) * Vector.LoadUnsafe(ref ys, (nuint)i);
        float total = Vector.Sum(sum);
        for (; i < n; i++) total += Unsafe.Add(ref xs, i) * Unsafe.Add(ref ys, i);
        return total;
    }

    /// <summary>y ← y + a·x over the first <c>x.Length</c> elements (y must be at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException($"Blas1.Axpy: y has {y.Length} elements, expected at least {n}.");
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        var va = new Vector<float>(a);
        int i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            (Vector.LoadUnsafe(ref ys, (nuint)i) + va * Vector.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ys, i) += a * Unsafe.Add(ref xs, i);
    }
}

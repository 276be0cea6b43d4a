using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Content addressing (NTM §3.3.1, DNC Methods) and its backward, each one pass over a batch element's memory [N, W] and
/// keys [H, W] (issue #14; formulas in Backends/Backend.Memory.cs): the cosine similarities are dot products of the raw
/// rows and keys divided by both norms, so no unit copies of the memory are made. Batch elements are split across
/// threads and each is computed by one thread in a fixed order (dot products in SIMD vectors over W then a scalar
/// tail), so the results are bitwise identical for any thread count.
/// </summary>
internal static class ContentAddressingKernels
{
    public static void Weights<T>(Span2<T> weights, Span2<T> similarity, Span2<T> rowNorms, Span2<T> keyNorms, Span2<T> memory, Span2<T> keys,
        Span2<T> strengths, T epsilon, int batch, int heads, int cells, int width) where T : unmanaged, IFloatingPointIeee754<T>
        => BatchLoop.For(batch, (long)heads * cells * width, b =>
        {
            Span<T> rowNorm = rowNorms.Row(b, cells), keyNorm = keyNorms.Row(b, heads);
            ReadOnlySpan<T> beta = strengths.Row(b, heads);
            for (int n = 0; n < cells; n++)
            {
                var row = memory.Row(b * cells + n, width);
                rowNorm[n] = T.Sqrt(Dot<T>(row, row) + epsilon);
            }
            for (int h = 0; h < heads; h++)
            {
                ReadOnlySpan<T> key = keys.Row(b * heads + h, width);
                keyNorm[h] = T.Sqrt(Dot(key, key) + epsilon);
                Span<T> k = similarity.Row(b * heads + h, cells), c = weights.Row(b * heads + h, cells);
                T largest = T.NegativeInfinity;
                for (int n = 0; n < cells; n++)
                {
                    k[n] = Dot(key, memory.Row(b * cells + n, width)) / (keyNorm[h] * rowNorm[n]);
                    largest = T.Max(largest, beta[h] * k[n]);
                }
                T total = T.Zero;
                for (int n = 0; n < cells; n++) total += c[n] = T.Exp(beta[h] * k[n] - largest);
                for (int n = 0; n < cells; n++) c[n] /= total;
            }
        });

    public static void WeightsBackward<T>(Span2<T> gradMemory, Span2<T> gradKeys, Span2<T> gradStrengths, Span2<T> gradWeights, Span2<T> weights,
        Span2<T> similarity, Span2<T> rowNorms, Span2<T> keyNorms, Span2<T> memory, Span2<T> keys, Span2<T> strengths, int batch, int heads,
        int cells, int width) where T : unmanaged, IFloatingPointIeee754<T>
        => BatchLoop.For(batch, (long)heads * cells * width, b =>
        {
            ReadOnlySpan<T> rowNorm = rowNorms.Row(b, cells), keyNorm = keyNorms.Row(b, heads), beta = strengths.Row(b, heads);
            Span<T> dBeta = gradStrengths.Row(b, heads);
            var scratch = new T[heads * cells + cells];
            Span<T> a = scratch.AsSpan(0, heads * cells), rowCoefficient = scratch.AsSpan(heads * cells, cells);  // Σ_h ∂K K per row
            for (int h = 0; h < heads; h++)
            {
                ReadOnlySpan<T> c = weights.Row(b * heads + h, cells), g = gradWeights.Row(b * heads + h, cells), k = similarity.Row(b * heads + h, cells);
                T weighted = Dot(c, g), strength = T.Zero, keyCoefficient = T.Zero;
                Span<T> aRow = a.Slice(h * cells, cells);
                for (int n = 0; n < cells; n++)
                {
                    T dz = c[n] * (g[n] - weighted), dk = dz * beta[h];
                    strength += dz * k[n];
                    keyCoefficient += dk * k[n];
                    rowCoefficient[n] += dk * k[n];
                    aRow[n] = dk / (keyNorm[h] * rowNorm[n]);
                }
                dBeta[h] = strength;
                // gradKeys_h = Σ_n A[h, n] M_n − (Σ_n ∂K K) k_h / |k_h|²
                Span<T> dKey = gradKeys.Row(b * heads + h, width);
                ReadOnlySpan<T> key = keys.Row(b * heads + h, width);
                Scale(dKey, key, -keyCoefficient / (keyNorm[h] * keyNorm[h]));
                for (int n = 0; n < cells; n++) AddScaled(dKey, memory.Row(b * cells + n, width), aRow[n]);
            }
            // gradMemory_n = Σ_h A[h, n] k_h − (Σ_h ∂K K) M_n / |M_n|²
            for (int n = 0; n < cells; n++)
            {
                Span<T> dRow = gradMemory.Row(b * cells + n, width);
                Scale(dRow, memory.Row(b * cells + n, width), -rowCoefficient[n] / (rowNorm[n] * rowNorm[n]));
                for (int h = 0; h < heads; h++) AddScaled(dRow, keys.Row(b * heads + h, width), a[h * cells + n]);
            }
        });

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count) acc += new Vector<T>(x[i..]) * new Vector<T>(y[i..]);
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>y = s·x.</summary>
    private static void Scale<T>(Span<T> y, ReadOnlySpan<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++) y[i] = s * x[i];
    }

    /// <summary>y += s·x.</summary>
    private static void AddScaled<T>(Span<T> y, ReadOnlySpan<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<T>(s);
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count) (new Vector<T>(y[i..]) + vs * new Vector<T>(x[i..])).CopyTo(y[i..]);
        }
        for (; i < y.Length; i++) y[i] += s * x[i];
    }
}

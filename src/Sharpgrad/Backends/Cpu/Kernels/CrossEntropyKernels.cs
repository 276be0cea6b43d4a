using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// Softmax cross-entropy over the rows of contiguous [rows, classes] logits with int64 labels, fused (issue #4).
/// The forward makes one pass over a row for its log-sum-exp and picks the label's logit, without materialising the
/// log-probabilities; the backward writes (softmax(z) − onehot(y))·gᵢ in one pass. Rows labelled ignoreIndex get loss
/// 0 and gradient 0: like the composite, they are computed as a row whose label is class 0 and whose weight is 0.
/// <para>Both repeat the arithmetic of the composite NLL(LogSoftmax(z)) step for step: the forward is SoftmaxKernels'
/// shifted log-softmax, and the backward is LogSoftmax's G − exp(log p)·ΣG with G = −gᵢ at the label, its exp taken
/// in the SIMD lanes or the scalar tail exactly where the composite's elementwise Exp took it (the same
/// <see cref="StridedLayout.ForAll"/> segments over the flat [rows·classes] range). Results are therefore bitwise those
/// of the composite, which keeps every training run reproducible across the change.</para>
/// </summary>
internal static class CrossEntropyKernels
{
    /// <summary>
    /// mᵢ = max_c z[i, c], the log-sum log Σ_c e^(z[i, c] − mᵢ), and ℓᵢ = −(((z[i, yᵢ] − mᵢ) − log-sum)·wᵢ) with wᵢ = 1,
    /// or 0 for an ignored row (whose yᵢ then stands as 0).
    /// </summary>
    public static void Forward<T>(T[] x, int offset, int rows, int classes, long[] labels, int labelOffset, long ignoreIndex,
        T[] loss, T[] max, T[] logSum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParallelRange.For(rows, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, classes)), (begin, end) =>
        {
            for (int i = (int)begin; i < end; i++)
            {
                var row = x.AsSpan(offset + i * classes, classes);
                T m = T.NegativeInfinity;
                foreach (var v in row) m = T.Max(m, v);
                if (T.IsInfinity(m)) m = T.Zero; // as SoftmaxKernels: a row whose max is infinite (all −∞, or any +∞) gives NaN or ±∞, never an exception
                T sum = T.Zero;
                foreach (var v in row) sum += T.Exp(v - m);
                T log = T.Log(sum);
                max[i] = m;
                logSum[i] = log;
                var (label, weight) = Target<T>(labels[labelOffset + i], ignoreIndex);
                loss[i] = -((row[label] - m - log) * weight);
            }
        });
    }

    /// <summary>
    /// grad[i, c] = 0 − p[i, c]·sᵢ, plus sᵢ at the label, with sᵢ = −gᵢ·wᵢ and p[i, c] = exp(log p) from the forward's mᵢ and
    /// log-sum. <paramref name="grad"/> is a fresh contiguous [rows, classes] buffer.
    /// </summary>
    public static void Backward<T>(T[] x, int offset, int rows, int classes, long[] labels, int labelOffset, long ignoreIndex,
        T[] max, T[] logSum, T[] g, int gOffset, int gStride, T[] grad) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new T[rows];
        for (int i = 0; i < rows; i++)
            s[i] = -g[gOffset + i * gStride] * Target<T>(labels[labelOffset + i], ignoreIndex).Weight;

        var flat = new StridedLayout([rows * classes], [[1]], [0]);
        flat.ForAll((at, n) =>
        {
            int f = at[0], row = f / classes, col = f % classes, k = 0;
            var dst = MemoryMarshal.Cast<T, Vector<T>>(grad.AsSpan(f, n));
            if (dst.Length > 0)
            {
                // Lanes may straddle rows, so each lane gathers its own row's shift and weight.
                Span<T> logP = stackalloc T[Vector<T>.Count], weight = stackalloc T[Vector<T>.Count];
                for (int v = 0; v < dst.Length; v++)
                {
                    for (int j = 0; j < logP.Length; j++, k++)
                    {
                        logP[j] = x[offset + f + k] - max[row] - logSum[row];
                        weight[j] = s[row];
                        if (++col == classes) (col, row) = (0, row + 1);
                    }
                    dst[v] = Vector<T>.Zero - VectorMath.Exp(new Vector<T>(logP)) * new Vector<T>(weight);
                }
            }
            for (; k < n; k++)
            {
                grad[f + k] = T.Zero - T.Exp(x[offset + f + k] - max[row] - logSum[row]) * s[row];
                if (++col == classes) (col, row) = (0, row + 1);
            }
        });

        for (int i = 0; i < rows; i++)
            grad[i * classes + Target<T>(labels[labelOffset + i], ignoreIndex).Label] += s[i]; // s + (−p·s) = s − p·s exactly
    }

    /// <summary>The class a row's loss picks and its weight: (y, 1), or (0, 0) for an ignored row.</summary>
    private static (int Label, T Weight) Target<T>(long label, long ignoreIndex) where T : unmanaged, INumberBase<T>
        => label == ignoreIndex ? (0, T.Zero) : ((int)label, T.One);
}

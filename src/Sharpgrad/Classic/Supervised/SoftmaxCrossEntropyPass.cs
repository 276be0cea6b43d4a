using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sharpgrad.Classic;

/// <summary>
/// The multinomial logistic loss of logits Z [N, K] and its residual P − Y in one host pass (GBC §6.2.2.3), for
/// <see cref="LogisticRegression"/>'s objective: per row, log pₖ = (zₖ − m) − log Σⱼ exp(zⱼ − m) with m the row's
/// maximum, the target's log-probability log p_y, then pₖ = exp(log pₖ) and pₖ − [k = y] in place.
/// <para>
/// It follows the tensor expression it replaces (LogSoftmax, Exp, subtracting the one-hot targets, Gather): the
/// log-softmax row by row with scalar exp and log, then exp over the whole buffer by SIMD lanes from its start with a
/// scalar tail. What it saves is compiling those ops' generic kernels and wrappers on a cold fit (issue #21, cold21).
/// It is host code, not a backend primitive (one estimator's objective), so it may not call the CPU kernels: the
/// backend seam keeps those behind <c>Backend</c>. The price is that the two agree bitwise only while the tensor Exp
/// runs the buffer as one run (below two parallel grains, 65,536 entries). Above that the backend splits the buffer
/// into chunks whose scalar tails use Math.Exp where this pass uses Vector.Exp; both are within an ulp or two of
/// exp, and the test bounds the difference.
/// </para>
/// </summary>
internal static class SoftmaxCrossEntropyPass
{
    /// <summary>
    /// Overwrites <paramref name="logits"/> [rows, classes] (row-major) with the residual P − Y and returns
    /// log p_y of each row, the negated per-row loss.
    /// </summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Residual(double[] logits, int rows, int classes, long[] targets)
    {
        if (logits.Length != rows * classes || targets.Length != rows)
            throw new ArgumentException($"SoftmaxCrossEntropyPass: {logits.Length} logits and {targets.Length} targets for [{rows}, {classes}].");
        var picked = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            LogSoftmax(row);
            picked[i] = row[(int)targets[i]];
        }
        ExpInPlace(logits);
        for (int i = 0; i < rows; i++) logits[i * classes + (int)targets[i]] -= 1;
        return picked;
    }

    // The backend's log-softmax of one line (SoftmaxKernels, log: true), kept in step by the bitwise test: shift by
    // the max (0 for an all-infinite row), then subtract log Σ exp.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LogSoftmax(Span<double> row)
    {
        double max = double.NegativeInfinity;
        foreach (double z in row) max = double.Max(max, z);
        if (double.IsInfinity(max)) max = 0;
        double sum = 0;
        for (int k = 0; k < row.Length; k++)
        {
            row[k] -= max;
            sum += Math.Exp(row[k]);
        }
        double logSum = Math.Log(sum);
        for (int k = 0; k < row.Length; k++) row[k] -= logSum;
    }

    // exp of every entry: whole SIMD vectors from the start, then scalar exp for the tail.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExpInPlace(double[] values)
    {
        int width = Vector<double>.Count, k = 0;
        for (; k <= values.Length - width; k += width) Vector.Exp(new Vector<double>(values.AsSpan(k, width))).CopyTo(values.AsSpan(k, width));
        for (; k < values.Length; k++) values[k] = Math.Exp(values[k]);
    }
}

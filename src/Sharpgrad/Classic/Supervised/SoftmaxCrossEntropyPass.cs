using System.Runtime.CompilerServices;
using System.Numerics;

namespace Sharpgrad.Classic;

/// <summary>
/// The multinomial logistic loss of logits Z [N, K] and its residual P − Y in one host pass (GBC §6.2.2.3), for
/// <see cref="LogisticRegression"/>'s objective: per row, log pₖ = (zₖ − m) − log Σⱼ exp(zⱼ − m) with m the row's
/// maximum, the target's log-probability log p_y, then pₖ = exp(log pₖ) and pₖ − [k = y] in place.
/// <para>
/// The arithmetic is that of the tensor expression it replaces (LogSoftmax, Exp, subtracting the one-hot targets,
/// Gather): the log-softmax row by row with scalar exp and log, then exp over the whole buffer by SIMD lanes from its
/// start with a scalar tail, as the elementwise kernels run a contiguous buffer. So the fit takes bitwise the same
/// steps; what it saves is compiling those ops' generic kernels and wrappers on a cold fit (issue #21, cold21).
/// </para>
/// </summary>
internal static class SoftmaxCrossEntropyPass
{
    /// <summary>
    /// Overwrites <paramref name="logits"/> [rows, classes] (row-major) with the residual P − Y and returns
    /// log p_y of each row, the negated per-row loss.
    /// </summary>
    // AggressiveOptimization: compiled optimised once at its first call, not as tier-0 code recompiled when hot; a cold
    // fit runs it too few times for tiering to pay, and the small span/vector helpers then inline instead of being
    // compiled one by one (issue #21, cold21; docs/performance.md, "Cold start").
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

    // The backend's log-softmax of one line: shift by the max (0 for an all-infinite row), then subtract log Σ exp.
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

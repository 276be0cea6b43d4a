using System.Runtime.CompilerServices;
using Sharpgrad.Kernels;

namespace Sharpgrad.Classic;

/// <summary>
/// The multinomial logistic loss of logits Z [N, K] and its residual P − Y in one host pass (GBC §6.2.2.3), for
/// <see cref="LogisticRegression"/>'s objective: per row, log pₖ = (zₖ − m) − log Σⱼ exp(zⱼ − m) with m the row's
/// maximum, the target's log-probability log p_y, then pₖ = exp(log pₖ) and pₖ − [k = y] in place.
/// <para>
/// The arithmetic is that of the tensor expression it replaces (LogSoftmax, Exp, subtracting the one-hot targets,
/// Gather) because it runs that expression's own CPU kernels: SoftmaxKernels' log-softmax line by line, then the
/// elementwise ExpOp over the buffer as one contiguous layout (the same chunk bounds, SIMD lanes and scalar tails as
/// the tensor Exp). So the fit takes bitwise the same steps; what it saves is the ops' wrappers, temporaries and
/// the one-hot and gather kernels on a cold fit (issue #21, cold21).
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
        // The backend's own log-softmax kernel, in place (each entry is read before it is written): the same max shift,
        // scalar exp and log of the sum per row as the LogSoftmax op, by construction rather than by a copy of it.
        SoftmaxKernels.Softmax(logits, 0, rows, classes, 1, logits, log: true);
        var picked = new double[rows];
        for (int i = 0; i < rows; i++) picked[i] = logits[i * classes + (int)targets[i]];
        ExpInPlace(logits);
        for (int i = 0; i < rows; i++) logits[i * classes + (int)targets[i]] -= 1;
        return picked;
    }

    // exp of every entry by the backend's own elementwise kernel over a contiguous layout: the same chunk bounds
    // (StridedLayout.ForAll, which splits past two parallel grains) and within each chunk the same SIMD lanes and
    // scalar tail as the tensor Exp it replaces (SingleRun below two grains is that one run), so the values are
    // bitwise the tensor path's at every size and thread count.
    private static void ExpInPlace(double[] values)
        => ElementwiseKernels.Map(new ExpOp<double>(), StridedLayout.Contiguous(values.Length, [0, 0]), values, values);
}

namespace Sharpgrad.Kernels;

/// <summary>One example of a CTC batch: its frames, and its target labels (without blanks).</summary>
internal readonly record struct CtcExample(int InputLength, long[] Labels);

/// <summary>
/// Connectionist temporal classification (Graves et al. 2006; GBC §10.4): the negative log-likelihood of a label
/// sequence under per-frame class log-probabilities, summed over every alignment by the forward–backward recursions,
/// in log space so that long sequences do not underflow. Works in float64 on log-probs [T, N, C]; each batch element
/// reads and writes only its own slices, so the work splits by batch element and the result is the same for any
/// thread count.
/// </summary>
internal static class CtcKernels
{
    /// <summary>
    /// Per-example losses −log p(l | x) into <paramref name="loss"/> [N] and their gradients w.r.t. the log-probs into
    /// <paramref name="gradient"/> [T, N, C] (zero past an example's input length). With <paramref name="zeroInfinity"/>
    /// an impossible alignment (loss +∞) gives loss 0 and gradient 0; without it the loss is +∞ and the gradient NaN,
    /// as in PyTorch. Each array is read from its offset on (the tensors' storage offsets).
    /// </summary>
    public static void LossAndGradient(double[] logProbs, int logProbsOffset, int batch, int classes, CtcExample[] examples, int blank,
        bool zeroInfinity, double[] loss, int lossOffset, double[] gradient, int gradientOffset)
    {
        ParallelRange.For(batch, 1, (first, end) =>
        {
            for (int n = (int)first; n < end; n++)
                OneExample(new Frames(logProbs, logProbsOffset, batch, classes, n), examples[n], blank, zeroInfinity, out loss[lossOffset + n],
                    new Frames(gradient, gradientOffset, batch, classes, n));
        });
    }

    /// <summary>The [T, C] slice of one batch element n inside a [T, N, C] array that starts at <paramref name="Offset"/>.</summary>
    private readonly record struct Frames(double[] Data, int Offset, int Batch, int Classes, int N)
    {
        public ref double this[int t, int c] => ref Data[Offset + (t * Batch + N) * Classes + c];
    }

    private static void OneExample(Frames lp, CtcExample example, int blank, bool zeroInfinity, out double loss, Frames grad)
    {
        int length = example.InputLength;
        // The extended target l′: a blank before, between and after the labels, so S = 2L + 1 states.
        int states = 2 * example.Labels.Length + 1;
        var extended = new int[states];
        for (int s = 0; s < states; s++) extended[s] = s % 2 == 0 ? blank : (int)example.Labels[s / 2];
        if (length == 0)
        {
            loss = states == 1 || zeroInfinity ? 0 : double.PositiveInfinity;  // no frames: only the empty target is possible
            return;
        }

        // α[t, s]: log-probability of the prefixes of l′ ending in state s at frame t, emissions up to t included.
        var alpha = new double[length, states];
        for (int t = 0; t < length; t++)
            for (int s = 0; s < states; s++)
            {
                double reach = t == 0
                    ? (s < 2 ? 0 : double.NegativeInfinity)
                    : LogSumExp(alpha[t - 1, s], s >= 1 ? alpha[t - 1, s - 1] : double.NegativeInfinity,
                        CanSkip(extended, s, s - 2) ? alpha[t - 1, s - 2] : double.NegativeInfinity);
                alpha[t, s] = reach + lp[t, extended[s]];
            }
        // β[t, s]: log-probability of the suffixes of l′ from state s at frame t, emission at t included (PyTorch's
        // convention), so α + β counts frame t's emission twice.
        var beta = new double[length, states];
        for (int t = length - 1; t >= 0; t--)
            for (int s = states - 1; s >= 0; s--)
            {
                double reach = t == length - 1
                    ? (s >= states - 2 ? 0 : double.NegativeInfinity)
                    : LogSumExp(beta[t + 1, s], s + 1 < states ? beta[t + 1, s + 1] : double.NegativeInfinity,
                        CanSkip(extended, s + 2, s) ? beta[t + 1, s + 2] : double.NegativeInfinity);
                beta[t, s] = reach + lp[t, extended[s]];
            }

        // A path ends in the last label or the blank after it.
        double logLikelihood = LogSumExp(alpha[length - 1, states - 1], states > 1 ? alpha[length - 1, states - 2] : double.NegativeInfinity,
            double.NegativeInfinity);
        double nll = -logLikelihood;
        if (double.IsPositiveInfinity(nll) && zeroInfinity)
        {
            loss = 0;
            return;
        }
        loss = nll;

        // ∂(−log p)/∂ log y_t(c) = −Σ_{s: l′ₛ = c} α_t(s)β_t(s)/y_t(c) / p: the share of p's paths that emit c at t.
        var occupancy = new double[grad.Classes];
        for (int t = 0; t < length; t++)
        {
            Array.Fill(occupancy, double.NegativeInfinity);
            for (int s = 0; s < states; s++)
                occupancy[extended[s]] = LogSumExp(occupancy[extended[s]], alpha[t, s] + beta[t, s], double.NegativeInfinity);
            for (int c = 0; c < grad.Classes; c++)
                grad[t, c] = -Math.Exp(occupancy[c] + nll - lp[t, c]);
        }
    }

    /// <summary>Whether a path may jump from state <paramref name="from"/> to <paramref name="to"/> = from + 2, skipping a blank: only between different labels.</summary>
    private static bool CanSkip(int[] extended, int to, int from)
        => from >= 0 && to < extended.Length && to % 2 == 1 && extended[to] != extended[from];

    /// <summary>log(eᵃ + eᵇ + eᶜ), exact when all are −∞ (no path) and never overflowing.</summary>
    private static double LogSumExp(double a, double b, double c)
    {
        double max = Math.Max(a, Math.Max(b, c));
        if (double.IsNegativeInfinity(max)) return double.NegativeInfinity;
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max) + Math.Exp(c - max));
    }
}

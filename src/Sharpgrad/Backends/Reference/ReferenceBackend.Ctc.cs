using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// CTC by the forward–backward algorithm of Graves, Fernández, Gomez & Schmidhuber (2006), "Connectionist temporal
// classification", §4.1 (GBC §10.4 places it among the sequence models). The paper multiplies probabilities; here every
// quantity is its logarithm, so products become sums and sums become log-sum-exps, and long inputs do not underflow.
internal sealed partial class ReferenceBackend
{
    public override void CtcLossAndGradient(Tensor loss, Tensor gradient, Tensor logProbs, CtcExample[] examples, int blank, bool zeroInfinity)
    {
        RequireOwn("CtcLossAndGradient", loss, gradient, logProbs);
        double[] lp = logProbs.Data<double>(), losses = loss.Data<double>(), grad = gradient.Data<double>();
        int batch = logProbs.shape[1], classes = logProbs.shape[2];
        for (int n = 0; n < batch; n++)
        {
            // The log-probability of class c at frame t for this example, and where its gradient goes.
            int At(int t, int c) => (t * batch + n) * classes + c;
            losses[loss.offset + n] = CtcExampleLoss(examples[n], blank, zeroInfinity, classes,
                (t, c) => lp[logProbs.offset + At(t, c)], (t, c, value) => grad[gradient.offset + At(t, c)] = value);
        }
    }

    private static double CtcExampleLoss(CtcExample example, int blank, bool zeroInfinity, int classes,
        Func<int, int, double> logY, Action<int, int, double> setGradient)
    {
        int frames = example.InputLength;
        // The modified label sequence l′: the labels with a blank added at the start, the end and between every pair.
        int length = 2 * example.Labels.Length + 1;
        var modified = new int[length];
        for (int s = 0; s < length; s++) modified[s] = s % 2 == 0 ? blank : (int)example.Labels[(s - 1) / 2];
        if (frames == 0) return length == 1 || zeroInfinity ? 0 : double.PositiveInfinity;

        // Forward variables (eq. 5–7): logα[t, s] = log of the total probability of the first s + 1 symbols of l′
        // being output by frames 0..t, the last of them at frame t.
        var logAlpha = new double[frames, length];
        for (int s = 0; s < length; s++)
            logAlpha[0, s] = s <= 1 ? logY(0, modified[s]) : double.NegativeInfinity;
        for (int t = 1; t < frames; t++)
            for (int s = 0; s < length; s++)
            {
                double sum = logAlpha[t - 1, s];
                if (s >= 1) sum = LogAdd(sum, logAlpha[t - 1, s - 1]);
                // A path may skip the blank between two different labels (eq. 7's second case).
                if (s >= 2 && modified[s] != blank && modified[s] != modified[s - 2]) sum = LogAdd(sum, logAlpha[t - 1, s - 2]);
                logAlpha[t, s] = sum + logY(t, modified[s]);
            }

        // Backward variables (eq. 9–11): logβ[t, s] = log of the total probability of symbols s.. of l′ being output by
        // frames t..T−1, the first of them at frame t (so α·β counts frame t's output twice, as in the paper).
        var logBeta = new double[frames, length];
        for (int s = 0; s < length; s++)
            logBeta[frames - 1, s] = s >= length - 2 ? logY(frames - 1, modified[s]) : double.NegativeInfinity;
        for (int t = frames - 2; t >= 0; t--)
            for (int s = length - 1; s >= 0; s--)
            {
                double sum = logBeta[t + 1, s];
                if (s + 1 < length) sum = LogAdd(sum, logBeta[t + 1, s + 1]);
                if (s + 2 < length && modified[s] != blank && modified[s] != modified[s + 2]) sum = LogAdd(sum, logBeta[t + 1, s + 2]);
                logBeta[t, s] = sum + logY(t, modified[s]);
            }

        // p(l | x) = α_T(|l′|) + α_T(|l′| − 1) (eq. 8): a path ends on the last label or on the blank after it.
        double logP = logAlpha[frames - 1, length - 1];
        if (length >= 2) logP = LogAdd(logP, logAlpha[frames - 1, length - 2]);
        if (double.IsNegativeInfinity(logP) && zeroInfinity) return 0;

        // Eq. 16 w.r.t. log y instead of y: ∂(−ln p)/∂ ln y_t(k) = −Σ_{s: l′ₛ = k} α_t(s)β_t(s) / (p · y_t(k)).
        for (int t = 0; t < frames; t++)
            for (int k = 0; k < classes; k++)
            {
                double logSum = double.NegativeInfinity;
                for (int s = 0; s < length; s++)
                    if (modified[s] == k) logSum = LogAdd(logSum, logAlpha[t, s] + logBeta[t, s]);
                setGradient(t, k, -Math.Exp(logSum - logP - logY(t, k)));
            }
        return -logP;
    }

    /// <summary>log(eᵃ + eᵇ), computed around the larger term so it cannot overflow; −∞ stands for probability 0.</summary>
    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        double max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}

namespace Sharpgrad.Generative;

/// <summary>
/// Bridge sampling for the ratio of two partition functions (GBC §18.7.2; Bennett 1976; Meng &amp; Wong 1996). With
/// samples x⁽ᴬ⁾ ~ p_A and x⁽ᴮ⁾ ~ p_B and any bridge p̃* that overlaps both,
/// Z_B/Z_A = E_{p_A}[p̃*/p̃_A] / E_{p_B}[p̃*/p̃_B] (GBC eq. 18.62). Unlike one-sided importance sampling it needs
/// overlap only between each model and the bridge. The optimal bridge p̃*_opt ∝ p̃_A p̃_B/(s_A r p̃_A + s_B p̃_B)
/// (GBC eq. 18.63 with the sample fractions s = n/(n_A + n_B) of Meng &amp; Wong; the book's form is the case
/// n_A = n_B) depends on the unknown r = Z_B/Z_A, so r is found by iterating the estimate to its fixed point; with
/// ℓ = log p̃_B − log p̃_A the update is
/// r ← mean_A[1/(s_A r e^{−ℓ} + s_B)] / mean_B[1/(s_A r + s_B e^{ℓ})].
/// </summary>
public static class BridgeSampling
{
    /// <summary>log(Z_B/Z_A) of two RBMs on the same visible space from samples of each (e.g. Gibbs or tempering chains).</summary>
    public static double LogRatio(Rbm a, Rbm b, Tensor samplesA, Tensor samplesB, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.VisibleSize != b.VisibleSize)
            throw new ArgumentException($"BridgeSampling: {a.Name} has {a.VisibleSize} visible units and {b.Name} has {b.VisibleSize}; the models must share a space.");
        using var _ = Autograd.NoGrad();
        // ℓ(x) = log p̃_B(x) − log p̃_A(x) = F_A(x) − F_B(x).
        var atA = (a.FreeEnergy(samplesA) - b.FreeEnergy(samplesA)).Double().ToArray<double>();
        var atB = (a.FreeEnergy(samplesB) - b.FreeEnergy(samplesB)).Double().ToArray<double>();
        return LogRatio(atA, atB, maxIterations);
    }

    /// <summary>
    /// log(Z_B/Z_A) from ℓ = log p̃_B − log p̃_A evaluated at the samples of A and at the samples of B, iterating the
    /// optimal bridge until log r moves less than 1e-12 (or <paramref name="maxIterations"/> times).
    /// </summary>
    public static double LogRatio(double[] logRatioAtA, double[] logRatioAtB, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(logRatioAtA);
        ArgumentNullException.ThrowIfNull(logRatioAtB);
        if (logRatioAtA.Length < 1 || logRatioAtB.Length < 1 || maxIterations < 1)
            throw new ArgumentException($"BridgeSampling: need samples of both models and maxIterations ≥ 1, got {logRatioAtA.Length}, {logRatioAtB.Length} and {maxIterations}.");
        if (logRatioAtA.Concat(logRatioAtB).Any(x => !double.IsFinite(x)))
            throw new ArgumentException("BridgeSampling: a log-density ratio is not finite; the models must give every sample a positive density.");
        double total = logRatioAtA.Length + logRatioAtB.Length;
        double logSA = Math.Log(logRatioAtA.Length / total), logSB = Math.Log(logRatioAtB.Length / total);
        double logR = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double numerator = LogMeanExp(logRatioAtA.Select(l => -LogAddExp(logSA + logR - l, logSB)));
            double denominator = LogMeanExp(logRatioAtB.Select(l => -LogAddExp(logSA + logR, logSB + l)));
            double next = numerator - denominator;
            bool converged = Math.Abs(next - logR) < 1e-12;
            logR = next;
            if (converged) break;
        }
        return logR;
    }

    private static double LogAddExp(double x, double y) => Math.Max(x, y) + Math.Log(1 + Math.Exp(-Math.Abs(x - y)));

    private static double LogMeanExp(IEnumerable<double> values)
    {
        var a = values.ToArray();
        double max = a.Max();
        return max + Math.Log(a.Sum(x => Math.Exp(x - max)) / a.Length);
    }
}

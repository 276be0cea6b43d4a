namespace Sharpgrad.Probability;

/// <summary>The states a Markov chain visited after burn-in, and how often its proposals were accepted.</summary>
public sealed class McmcResult
{
    internal McmcResult(Tensor samples, double acceptanceRate)
    {
        Samples = samples;
        AcceptanceRate = acceptanceRate;
    }

    /// <summary>The chain's states stacked along dim 0: shape [numSamples] + the state's shape.</summary>
    public Tensor Samples { get; }

    /// <summary>
    /// The fraction of transitions that accepted their proposal, in (0, 1]. Gibbs sampling always accepts (1);
    /// a random-walk Metropolis chain mixes best at roughly 0.2–0.5 and HMC at about 0.65–0.9.
    /// </summary>
    public double AcceptanceRate { get; }

    /// <summary>
    /// The lag-k autocorrelation of each coordinate of the chain, Σₜ (xₜ − x̄)(xₜ₊ₖ − x̄) / Σₜ (xₜ − x̄)², shaped like one
    /// state. Values near 1 mean successive samples are nearly copies of each other: the chain mixes slowly and
    /// carries far fewer independent samples than it has states (GBC §17.3–17.5). NaN for a coordinate that never moved.
    /// </summary>
    public Tensor Autocorrelation(int lag)
    {
        int n = Samples.Size(0);
        if (lag < 0 || lag >= n)
            throw new ArgumentOutOfRangeException(nameof(lag), $"McmcResult.Autocorrelation: lag must be in [0, {n - 1}] for a chain of {n} samples, got {lag}.");
        var x = Samples.DType.IsFloatingPoint() ? Samples : Samples.To(DType.Float64);
        var centered = x - x.Mean(0);
        var covariance = (centered.Narrow(0, 0, n - lag) * centered.Narrow(0, lag, n - lag)).Sum(0);
        return covariance / centered.Square().Sum(0);
    }
}

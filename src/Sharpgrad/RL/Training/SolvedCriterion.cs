namespace Sharpgrad.RL;

/// <summary>"Solved" as gym defines it: a mean return of at least a threshold over some number of consecutive episodes.</summary>
public static class SolvedCriterion
{
    /// <summary>
    /// The 1-based number of the episode that completes the first window of <paramref name="window"/> consecutive
    /// episodes whose mean return is at least <paramref name="threshold"/>, or null.
    /// </summary>
    public static int? FirstSolved(IReadOnlyList<double> returns, int window, double threshold)
    {
        if (window <= 0) throw new ArgumentException($"SolvedCriterion.FirstSolved: window must be positive, got {window}.", nameof(window));
        double sum = 0;
        for (int k = 0; k < returns.Count; k++)
        {
            sum += returns[k];
            if (k >= window) sum -= returns[k - window];
            if (k >= window - 1 && sum / window >= threshold) return k + 1;
        }
        return null;
    }
}

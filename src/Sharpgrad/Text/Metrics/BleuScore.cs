namespace Sharpgrad.Text;

/// <summary>
/// A BLEU score and its parts: the clipped n-gram precisions p₁ … p_N (as matched/total counts), the candidate length c,
/// the effective reference length r and the brevity penalty BP = min(1, e^(1 − r/c)).
/// </summary>
public sealed record BleuScore(long[] Matches, long[] Totals, long CandidateLength, long ReferenceLength)
{
    public int MaxOrder => Matches.Length;

    /// <summary>pₙ = clipped matches / candidate n-grams (0 when the candidate has no n-grams of that order).</summary>
    public double Precision(int n) => Totals[n - 1] == 0 ? 0 : (double)Matches[n - 1] / Totals[n - 1];

    public double BrevityPenalty => CandidateLength == 0 ? 0 : CandidateLength > ReferenceLength ? 1 : Math.Exp(1 - (double)ReferenceLength / CandidateLength);

    /// <summary>BP · exp(Σₙ (1/N) log pₙ): 0 when any pₙ is 0 (no smoothing, Papineni et al.'s definition).</summary>
    public double Score
    {
        get
        {
            double logMean = 0;
            for (int n = 1; n <= MaxOrder; n++)
            {
                double p = Precision(n);
                if (p == 0) return 0;
                logMean += Math.Log(p) / MaxOrder;
            }
            return BrevityPenalty * Math.Exp(logMean);
        }
    }
}

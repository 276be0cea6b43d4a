namespace Sharpgrad.Text;

/// <summary>
/// The unsmoothed n-gram model: P(w | h) = c(h w)/Σ_w' c(h w'), the relative frequency (GBC eq. 12.7). An n-gram never
/// seen gets probability 0 (and a context never seen has no distribution: 0 too), which is why the smoothed models exist.
/// </summary>
public sealed class MaximumLikelihoodModel(NGramCounts counts) : INGramLanguageModel
{
    public NGramCounts Counts { get; } = counts ?? throw new ArgumentNullException(nameof(counts));

    public double Probability(IReadOnlyList<string> context, string word)
    {
        var h = Counts.FullContext(context, word);
        var table = Counts.Table(Counts.Order);
        var (total, _) = table.ContextCounts(NGramTable.Key(h));
        return total == 0 ? 0 : (double)table.Count(NGramTable.Key([.. h, word])) / total;
    }
}

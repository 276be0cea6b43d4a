namespace Sharpgrad.Text;

/// <summary>
/// Additive smoothing (Laplace for k = 1, Lidstone for other k; GBC §12.4.1): P(w | h) = (c(h w) + k)/(c(h •) + k·|V|),
/// as if every word had been seen k more times after every context. |V| counts the end mark, which is predicted.
/// </summary>
public sealed class AddKModel : INGramLanguageModel
{
    public NGramCounts Counts { get; }

    public double K { get; }

    public AddKModel(NGramCounts counts, double k = 1)
    {
        Counts = counts ?? throw new ArgumentNullException(nameof(counts));
        if (!(k > 0) || !double.IsFinite(k)) throw new ArgumentException($"AddKModel: k must be positive and finite, got {k}.", nameof(k));
        K = k;
    }

    public double Probability(IReadOnlyList<string> context, string word)
    {
        var h = Counts.FullContext(context, word);
        var table = Counts.Table(Counts.Order);
        var (total, _) = table.ContextCounts(NGramTable.Key(h));
        return (table.Count(NGramTable.Key([.. h, word])) + K) / (total + K * Counts.Vocabulary.Count);
    }
}

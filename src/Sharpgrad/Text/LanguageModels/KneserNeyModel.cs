namespace Sharpgrad.Text;

/// <summary>
/// Interpolated Kneser–Ney smoothing (Kneser &amp; Ney 1995, in the interpolated form of Chen &amp; Goodman 1998 §3.5;
/// GBC §12.4.1 names it among the back-off schemes) with one absolute discount D for every order:
/// <code>
/// Pₖ(w | h) = max(aₖ(h w) − D, 0)/Aₖ(h) + D·Tₖ(h)/Aₖ(h) · Pₖ₋₁(w | h′)      (Pₖ = Pₖ₋₁ when Aₖ(h) = 0)
/// P₀(w)     = 1/|V|
/// </code>
/// where h′ drops h's first word, Aₖ(h) = Σ_w aₖ(h w), Tₖ(h) = |{w : aₖ(h w) &gt; 0}|, and aₖ is the raw count at the
/// highest order but the continuation count N₁₊(• g) = |{u : c(u g) &gt; 0}| below it: a lower order is only consulted
/// for words after new contexts, so it should measure in how many contexts a word appears, not how often ("Francisco"
/// is frequent but follows only "San"). Because every positive count is at least 1 ≥ D, the discounted mass is exactly
/// D·Tₖ(h), and each Pₖ(· | h) sums to 1 over the vocabulary. The uniform P₀ gives unseen words a little mass; Chen and
/// Goodman stop at the unigram (modified Kneser–Ney, three discounts per order, is not implemented).
/// </summary>
public sealed class KneserNeyModel : INGramLanguageModel
{
    private readonly NGramTable[] tables; // a₁ … aₙ: continuation counts below n, raw counts at n

    public NGramCounts Counts { get; }

    public double Discount { get; }

    public KneserNeyModel(NGramCounts counts, double discount = 0.75)
    {
        Counts = counts ?? throw new ArgumentNullException(nameof(counts));
        if (!(discount > 0 && discount <= 1))
            throw new ArgumentException($"KneserNeyModel: the discount D must lie in (0, 1], got {discount}.", nameof(discount));
        Discount = discount;
        int n = counts.Order;
        tables = new NGramTable[n];
        tables[n - 1] = counts.Table(n);
        for (int k = n - 1; k >= 1; k--)
        {
            var continuation = new NGramTable();
            foreach (var (gram, _) in counts.Table(k + 1).Grams) continuation.Add(NGramTable.Suffix(gram), 1);
            tables[k - 1] = continuation;
        }
    }

    public double Probability(IReadOnlyList<string> context, string word)
    {
        var h = Counts.FullContext(context, word);
        double p = 1.0 / Counts.Vocabulary.Count;
        for (int k = 1; k <= Counts.Order; k++)
        {
            var shortContext = h[(h.Length - (k - 1))..];
            var (total, types) = tables[k - 1].ContextCounts(NGramTable.Key(shortContext));
            if (total == 0) continue;
            double count = tables[k - 1].Count(NGramTable.Key([.. shortContext, word]));
            p = Math.Max(count - Discount, 0) / total + Discount * types / total * p;
        }
        return p;
    }
}

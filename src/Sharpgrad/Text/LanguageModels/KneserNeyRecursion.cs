namespace Sharpgrad.Text;

/// <summary>
/// What interpolated and modified Kneser–Ney share (Chen &amp; Goodman 1998 §3.5 and §4.1.6): the count tables a₁ … aₙ
/// (raw counts at the highest order, continuation counts N₁₊(• g) = |{u : c(u g) &gt; 0}| below it) and the recursion
/// <code>
/// Pₖ(w | h) = (aₖ(h w) − Dₖ(aₖ(h w)))/Aₖ(h) + γₖ(h) · Pₖ₋₁(w | h′)      (Pₖ = Pₖ₋₁ when Aₖ(h) = 0)
/// γₖ(h)     = (D₁N₁(h •) + D₂N₂(h •) + D₃₊N₃₊(h •)) / Aₖ(h)
/// P₀(w)     = 1/|V|
/// </code>
/// where h′ drops h's first word and Aₖ(h) = Σ_w aₖ(h w). γₖ(h) is exactly the mass the discounts took from h's
/// followers (each Dᵢ ≤ i), so every Pₖ(· | h) sums to 1 over the vocabulary.
/// </summary>
internal sealed class KneserNeyRecursion
{
    private readonly NGramCounts counts;
    private readonly NGramTable[] tables;

    public KneserNeyRecursion(NGramCounts counts)
    {
        this.counts = counts;
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

    /// <summary>n₁ … n₄ of order <paramref name="order"/>'s table (continuation counts below the highest order).</summary>
    public long[] CountOfCounts(int order) => tables[order - 1].CountOfCounts();

    public double Probability(IReadOnlyList<string> context, string word, IReadOnlyList<KneserNeyDiscounts> discounts)
    {
        var h = counts.FullContext(context, word);
        double p = 1.0 / counts.Vocabulary.Count;
        for (int k = 1; k <= counts.Order; k++)
        {
            var table = tables[k - 1];
            var d = discounts[k - 1];
            var shortContext = NGramTable.Key(h[(h.Length - (k - 1))..]);
            var (total, _) = table.ContextCounts(shortContext);
            if (total == 0) continue;
            long count = table.Count(NGramTable.Key([.. h[(h.Length - (k - 1))..], word]));
            var (ones, twos, more) = table.FollowerCountsOfCounts(shortContext);
            double taken = d.D1 * ones + d.D2 * twos + d.D3Plus * more;
            p = (count - d.For(count)) / total + taken / total * p;
        }
        return p;
    }
}

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
/// Goodman stop at the unigram. It is <see cref="ModifiedKneserNeyModel"/> with D₁ = D₂ = D₃₊ = D at every order.
/// </summary>
public sealed class KneserNeyModel : INGramLanguageModel
{
    private readonly KneserNeyRecursion recursion;
    private readonly KneserNeyDiscounts[] discounts;

    public NGramCounts Counts { get; }

    public double Discount { get; }

    public KneserNeyModel(NGramCounts counts, double discount = 0.75)
    {
        Counts = counts ?? throw new ArgumentNullException(nameof(counts));
        if (!(discount > 0 && discount <= 1))
            throw new ArgumentException($"KneserNeyModel: the discount D must lie in (0, 1], got {discount}.", nameof(discount));
        Discount = discount;
        recursion = new KneserNeyRecursion(counts);
        discounts = [.. Enumerable.Repeat(new KneserNeyDiscounts(discount, discount, discount), counts.Order)];
    }

    public double Probability(IReadOnlyList<string> context, string word) => recursion.Probability(context, word, discounts);
}

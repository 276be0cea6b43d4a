namespace Sharpgrad.Text;

/// <summary>
/// Modified Kneser–Ney smoothing (Chen &amp; Goodman 1998 §4.1.6, eq. 25–26; the best of the methods they compared):
/// interpolated Kneser–Ney (<see cref="KneserNeyModel"/>) with three discounts per order instead of one, D₁ for n-grams
/// seen once, D₂ for twice and D₃₊ for more, because the best single discount is far from the best for counts 1 and 2:
/// <code>
/// Pₖ(w | h) = (aₖ(h w) − D(aₖ(h w)))/Aₖ(h) + γ(h) · Pₖ₋₁(w | h′),   γ(h) = (D₁N₁(h •) + D₂N₂(h •) + D₃₊N₃₊(h •))/Aₖ(h)
/// </code>
/// By default each order's discounts are estimated from that order's count-of-counts (raw counts at the highest order,
/// continuation counts below), <see cref="KneserNeyDiscounts.Estimate"/>: Y = n₁/(n₁ + 2n₂), D₁ = 1 − 2Y n₂/n₁,
/// D₂ = 2 − 3Y n₃/n₂, D₃₊ = 3 − 4Y n₄/n₃. P₀ is uniform over the vocabulary, as in <see cref="KneserNeyModel"/>.
/// </summary>
public sealed class ModifiedKneserNeyModel : INGramLanguageModel
{
    private readonly KneserNeyRecursion recursion;

    public NGramCounts Counts { get; }

    /// <summary>The discounts of orders 1 … n, lowest first.</summary>
    public IReadOnlyList<KneserNeyDiscounts> Discounts { get; }

    /// <param name="discounts">one triple per order, lowest first; null estimates them from the count-of-counts</param>
    public ModifiedKneserNeyModel(NGramCounts counts, IReadOnlyList<KneserNeyDiscounts>? discounts = null)
    {
        Counts = counts ?? throw new ArgumentNullException(nameof(counts));
        recursion = new KneserNeyRecursion(counts);
        if (discounts is not null && discounts.Count != counts.Order)
            throw new ArgumentException($"ModifiedKneserNeyModel: expected {counts.Order} discount triples (one per order), got {discounts.Count}.", nameof(discounts));
        Discounts = discounts ?? [.. Enumerable.Range(1, counts.Order).Select(k => KneserNeyDiscounts.Estimate(recursion.CountOfCounts(k), k))];
    }

    public double Probability(IReadOnlyList<string> context, string word) => recursion.Probability(context, word, Discounts);
}

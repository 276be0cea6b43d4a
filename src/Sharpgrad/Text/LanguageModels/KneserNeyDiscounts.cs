namespace Sharpgrad.Text;

/// <summary>
/// The three absolute discounts of modified Kneser–Ney for one order (Chen &amp; Goodman 1998 §4.1.6, eq. 26): D₁ for
/// n-grams seen once, D₂ for twice, D₃₊ for three times or more. Each Dᵢ must lie in (0, i]: at most i so that no count
/// loses more than it has and the mass taken from a context is exactly D₁N₁ + D₂N₂ + D₃₊N₃₊, and above 0 because that
/// mass is what the lower order redistributes: a context whose followers all had a zero discount would give every unseen
/// word probability 0, and a test sentence an infinite perplexity. Interpolated Kneser–Ney is the
/// case D₁ = D₂ = D₃₊ = D.
/// </summary>
public sealed record KneserNeyDiscounts
{
    public double D1 { get; }
    public double D2 { get; }
    public double D3Plus { get; }

    public KneserNeyDiscounts(double d1, double d2, double d3Plus)
    {
        double[] values = [d1, d2, d3Plus];
        for (int i = 0; i < 3; i++)
            if (!(values[i] > 0 && values[i] <= i + 1))
                throw new ArgumentException($"KneserNeyDiscounts: D{(i == 2 ? "3+" : i + 1)} must lie in (0, {i + 1}], got {values[i]}.");
        (D1, D2, D3Plus) = (d1, d2, d3Plus);
    }

    /// <summary>The discount for an n-gram seen <paramref name="count"/> times (0 for an unseen one).</summary>
    public double For(long count) => count switch { 0 => 0, 1 => D1, 2 => D2, _ => D3Plus };

    /// <summary>
    /// Chen &amp; Goodman's estimates from the count-of-counts n₁ … n₄ of one order's (raw or continuation) counts:
    /// Y = n₁/(n₁ + 2n₂), D₁ = 1 − 2Y·n₂/n₁, D₂ = 2 − 3Y·n₃/n₂, D₃₊ = 3 − 4Y·n₄/n₃. They need n₁, n₂, n₃ &gt; 0; a
    /// corpus too small for that, or whose estimates fall outside (0, i], is an error that names the order and the counts.
    /// </summary>
    public static KneserNeyDiscounts Estimate(IReadOnlyList<long> countOfCounts, int order)
    {
        ArgumentNullException.ThrowIfNull(countOfCounts);
        var (n1, n2, n3, n4) = ((double)countOfCounts[0], (double)countOfCounts[1], (double)countOfCounts[2], (double)countOfCounts[3]);
        string counts = $"n1..n4 = {n1}, {n2}, {n3}, {n4}";
        if (n1 == 0 || n2 == 0 || n3 == 0)
            throw new ArgumentException($"ModifiedKneserNeyModel: order {order} has count-of-counts {counts}; estimating D1, D2, D3+ needs n1, n2, n3 > 0. Pass the discounts explicitly for so small a corpus.");
        double y = n1 / (n1 + 2 * n2);
        double d1 = 1 - 2 * y * n2 / n1, d2 = 2 - 3 * y * n3 / n2, d3 = 3 - 4 * y * n4 / n3;
        if (!(d2 > 0 && d3 > 0))
            throw new ArgumentException($"ModifiedKneserNeyModel: order {order} has count-of-counts {counts}, which give D1 = {d1:G4}, D2 = {d2:G4}, D3+ = {d3:G4}; each must be > 0. Pass the discounts explicitly.");
        return new KneserNeyDiscounts(d1, d2, d3);
    }
}

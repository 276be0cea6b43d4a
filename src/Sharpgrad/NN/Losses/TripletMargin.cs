namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Triplet margin loss (Schroff et al. 2015; Balntas et al. 2016): max(0, margin + d(a, p) − d(a, n)) with
    /// d = <see cref="Functional.PairwiseDistance"/> in the Lᵖ norm, which pulls each anchor towards its positive and
    /// pushes it from its negative until they are <paramref name="margin"/> apart. With <paramref name="swap"/> the
    /// negative's distance is the smaller of d(a, n) and d(p, n) (the "distance swap"). Inputs are [N, D] or [D].
    /// </summary>
    public static Tensor TripletMargin(Tensor anchor, Tensor positive, Tensor negative, double margin = 1, double p = 2,
        double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
    {
        const string op = "TripletMargin";
        if (anchor.Rank != positive.Rank || anchor.Rank != negative.Rank || anchor.Rank is not (1 or 2))
            throw new ArgumentException(
                $"{op}: anchor, positive and negative must all be [N, D] or all [D], got shapes {anchor.ShapeText}, {positive.ShapeText} and {negative.ShapeText}.");
        var toPositive = Functional.PairwiseDistance(anchor, positive, p, eps);
        var toNegative = Functional.PairwiseDistance(anchor, negative, p, eps);
        if (swap) toNegative = toNegative.Minimum(Functional.PairwiseDistance(positive, negative, p, eps));
        return Reduce((toPositive - toNegative + margin).Clamp(min: 0), reduction, op);
    }
}

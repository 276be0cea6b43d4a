namespace Sharpgrad.Classic;

/// <summary>Distances between every row of one matrix and every row of another, as one tensor expression.</summary>
public static class PairwiseDistances
{
    /// <summary>
    /// ‖aᵢ − bⱼ‖² for a [N, D] and b [M, D], as [N, M]. Expanded as ‖a‖² + ‖b‖² − 2abᵀ so the work is one matrix
    /// product; the expansion can round to a tiny negative number, which is clamped to 0.
    /// </summary>
    public static Tensor SquaredEuclidean(Tensor a, Tensor b)
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Size(1) != b.Size(1))
            throw new ArgumentException($"PairwiseDistances.SquaredEuclidean: expected [N, D] and [M, D], got {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)}.");
        var aa = a.Square().Sum(1, keepdim: true);
        var bb = b.Square().Sum(1, keepdim: true).T;
        return (aa + bb - 2 * a.MatMul(b.T)).Clamp(0, null);
    }
}

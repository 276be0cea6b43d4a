namespace Sharpgrad.Classic;

/// <summary>All pairwise squared Euclidean distances as one tensor expression, shared by kNN and the RBF kernel.</summary>
internal static class SquaredDistances
{
    /// <summary>
    /// ‖aᵢ − bⱼ‖² for a [N, D] and b [M, D], as [N, M], expanded as ‖a‖² + ‖b‖² − 2abᵀ so the work is one matrix
    /// product; the expansion can round to a tiny negative number, which is clamped to 0.
    /// </summary>
    public static Tensor Between(Tensor a, Tensor b) =>
        (a.Square().Sum(1, keepdim: true) + b.Square().Sum(1).Unsqueeze(0) - 2 * a.MatMul(b.T)).Clamp(0, null);
}

namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- norms, similarities and distances
    // Composed from differentiable tensor ops, so autograd derives first and second derivatives.

    /// <summary>
    /// x / max(‖x‖_p, ε) along <paramref name="dim"/>: each slice scaled to unit Lᵖ norm (torch.nn.functional.normalize).
    /// The floor ε keeps an all-zero slice at zero instead of 0/0.
    /// </summary>
    public static Tensor Normalize(Tensor input, double p = 2, int dim = 1, double eps = 1e-12)
    {
        const string op = "Normalize";
        CheckNormFloat(op, input);
        int d = ShapeUtil.NormalizeDim(dim, Math.Max(1, input.Rank), op);
        return input / input.Norm(p, [d], keepdim: true).Clamp(min: eps);
    }

    /// <summary>
    /// Cosine of the angle between x₁ and x₂ along <paramref name="dim"/>: x₁·x₂ / (max(‖x₁‖, ε)·max(‖x₂‖, ε)). The
    /// inputs broadcast, and <paramref name="dim"/> counts in the broadcast shape. Each input is divided by its own norm
    /// before the product (as PyTorch), which keeps the result within [−1, 1] up to rounding.
    /// </summary>
    public static Tensor CosineSimilarity(Tensor x1, Tensor x2, int dim = 1, double eps = 1e-8)
    {
        const string op = "CosineSimilarity";
        var (a, b) = BroadcastPair(op, x1, x2);
        int d = ShapeUtil.NormalizeDim(dim, a.Rank, op);
        var unitA = a / a.Norm(2, [d], keepdim: true).Clamp(min: eps);
        var unitB = b / b.Norm(2, [d], keepdim: true).Clamp(min: eps);
        return (unitA * unitB).Sum(d);
    }

    /// <summary>
    /// ‖x₁ − x₂ + ε‖_p along the last dim (torch.nn.functional.pairwise_distance); the ε shift keeps the norm's
    /// gradient finite when the two points coincide. The inputs broadcast.
    /// </summary>
    public static Tensor PairwiseDistance(Tensor x1, Tensor x2, double p = 2, double eps = 1e-6, bool keepdim = false)
    {
        const string op = "PairwiseDistance";
        var (a, b) = BroadcastPair(op, x1, x2);
        return (a - b + eps).Norm(p, [-1], keepdim);
    }

    /// <summary>Both float inputs expanded to their common shape (at least 1-D), or an error naming the op and both shapes.</summary>
    private static (Tensor A, Tensor B) BroadcastPair(string op, Tensor x1, Tensor x2)
    {
        CheckNormFloat(op, x1);
        CheckNormFloat(op, x2);
        if (x1.DType != x2.DType)
            throw new ArgumentException($"{op}: inputs must share a dtype, got {x1.DType.Name()} and {x2.DType.Name()}.");
        var shape = ShapeUtil.Broadcast(x1.Shape, x2.Shape, op);
        if (shape.Length == 0) shape = [1];
        return (x1.Expand(shape), x2.Expand(shape));
    }
}

namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Cosine embedding loss: 1 − cos(x₁, x₂) for pairs labelled y = 1 (similar) and max(0, cos(x₁, x₂) − margin) for
    /// y = −1 (dissimilar), for inputs [N, D] (or [D]) and targets [N] (or 0-d). As in PyTorch the cosine is
    /// x₁·x₂ / √((‖x₁‖² + ε)(‖x₂‖² + ε)) with ε = 1e-12, and any other target value contributes 0.
    /// </summary>
    public static Tensor CosineEmbedding(Tensor input1, Tensor input2, Tensor target, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        const string op = "CosineEmbedding";
        const double epsilon = 1e-12;
        CheckFloat(input1, "input1", op);
        CheckSameShape(input1, input2, op);
        if (input1.Rank is not (1 or 2) || !target.Shape.AsSpan().SequenceEqual(input1.Shape[..^1]))
            throw new ArgumentException(
                $"{op}: expected inputs [N, D] with target [N] (or [D] with a 0-d target), got inputs {input1.ShapeText} and target {target.ShapeText}.");
        var product = (input1 * input2).Sum(-1);
        var squares1 = (input1 * input1).Sum(-1) + epsilon;
        var squares2 = (input2 * input2).Sum(-1) + epsilon;
        var cosine = product / (squares1 * squares2).Sqrt();
        var similar = Tensor.Where(target.Eq(1), 1 - cosine, 0.0);
        var dissimilar = Tensor.Where(target.Eq(-1), (cosine - margin).Clamp(min: 0), 0.0);
        return Reduce(similar + dissimilar, reduction, op);
    }
}

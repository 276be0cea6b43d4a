namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Margin ranking loss: max(0, −y·(x₁ − x₂) + margin) for targets y = 1 (x₁ should rank higher) or −1 (x₂ should),
    /// a hinge on the difference of two scores (as torch's margin_ranking_loss). The three tensors must have equal shapes.
    /// </summary>
    public static Tensor MarginRanking(Tensor input1, Tensor input2, Tensor target, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        const string op = "MarginRanking";
        CheckSameShape(input1, input2, op);
        CheckSameShape(input1, target, op);
        return Reduce((-target * (input1 - input2) + margin).Clamp(min: 0), reduction, op);
    }
}

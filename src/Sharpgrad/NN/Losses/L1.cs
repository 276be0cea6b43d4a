namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>Mean absolute error |x − y|, a Laplace negative log-likelihood; its minimiser is the median (GBC §6.2.1.2). The gradient at 0 is 0.</summary>
    public static Tensor L1(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        const string op = "L1";
        CheckSameShape(input, target, op);
        return Reduce((input - target).Abs(), reduction, op);
    }
}

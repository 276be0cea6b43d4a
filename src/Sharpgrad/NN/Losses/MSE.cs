namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Mean squared error (x − y)², the negative log-likelihood of a Gaussian with fixed variance up to constants
    /// (GBC §5.5.1, §6.2.1.1).
    /// </summary>
    public static Tensor MSE(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        const string op = "MSE";
        CheckSameShape(input, target, op);
        return Reduce((input - target).Square(), reduction, op);
    }
}

namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Negative log-likelihood of a Poisson target: with <paramref name="logInput"/> the input is log λ and the loss
    /// e^x − t·x; otherwise the input is λ and the loss λ − t·log(λ + ε). Both drop log(t!), the term that does not depend
    /// on the input, unless <paramref name="full"/> adds its Stirling approximation t·log t − t + ½·log(2πt) for t &gt; 1
    /// (0 for t ≤ 1, as PyTorch).
    /// </summary>
    public static Tensor PoissonNLL(Tensor input, Tensor target, bool logInput = true, bool full = false, double eps = 1e-8,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "PoissonNLL";
        CheckFloat(input, "the input", op);
        CheckSameShape(input, target, op);
        var loss = logInput ? input.Exp() - target * input : input - target * (input + eps).Log();
        if (full)
        {
            var counted = target.Gt(1);
            var t = Tensor.Where(counted, target, 2.0);                 // log's argument stays positive where masked
            var stirling = t * t.Log() - t + 0.5 * (2 * Math.PI * t).Log();
            loss = loss + Tensor.Where(counted, stirling, 0.0);
        }
        return Reduce(loss, reduction, op);
    }
}

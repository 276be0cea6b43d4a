namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Kullback–Leibler divergence D_KL(target ‖ input) (GBC §3.13, eq. 3.50) for <paramref name="input"/> given as
    /// log-probabilities: elementwise t·(log t − x), with 0·log 0 = 0, or eᵗ·(t − x) when <paramref name="logTarget"/>.
    /// Use <see cref="Reduction.BatchMean"/> (sum / batch size) for the true divergence per example; Mean averages over
    /// every element, which PyTorch keeps only for compatibility.
    /// </summary>
    public static Tensor KLDiv(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        const string op = "KLDiv";
        CheckFloat(input, "the input log-probabilities", op);
        CheckSameShape(input, target, op);
        var loss = logTarget
            ? target.Exp() * (target - input)
            : XLogX(target) - target * input;
        if (reduction != Reduction.BatchMean) return Reduce(loss, reduction, op);
        var sum = loss.Sum();
        return input.Rank == 0 ? sum : sum / input.Size(0);
    }

    /// <summary>t·log t with the limit 0·log 0 = 0, so impossible outcomes of the target contribute nothing.</summary>
    private static Tensor XLogX(Tensor t)
    {
        var positive = t.Gt(0);
        var safe = Tensor.Where(positive, t, 1.0);                   // keeps log's backward finite where t = 0
        return Tensor.Where(positive, safe * safe.Log(), 0.0);
    }
}

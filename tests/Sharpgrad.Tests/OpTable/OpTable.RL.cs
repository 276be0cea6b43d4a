using Sharpgrad.RL;

namespace Sharpgrad.Tests.OpTable;

// The reinforcement-learning compositions with gradients: the dueling head's aggregation V + A − mean A, the
// policy-gradient surrogate loss (log-softmax, gather at the actions taken, weighted by constant advantages) and the
// policy entropy of A2C's bonus. The actions and advantages are constants of the entries.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> ReinforcementLearning() =>
    [
        Binary("DuelingHead.Aggregate", DuelingHead.Aggregate, () => Normal(1600, 2, 1), () => Normal(1601, 2, 3)),
        Unary("PolicyGradient.SurrogateLoss", logits => PolicyGradient.SurrogateLoss(logits, Tensor.From(new long[] { 1, 0, 2 }),
            Tensor.From(new double[] { 0.5, -1.5, 2.0 })), () => Normal(1602, 3, 3)),
        Unary("PolicyGradient.Entropy", PolicyGradient.Entropy, () => Normal(1603, 2, 3)),
    ];
}

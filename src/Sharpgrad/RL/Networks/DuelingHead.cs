using Sharpgrad.NN;

namespace Sharpgrad.RL;

/// <summary>
/// The dueling head of Wang et al. (2016), eq. 9: a state value V(s) and advantages A(s, a) from the same features,
/// combined as Q(s, a) = V(s) + A(s, a) − (1/|A|)·Σ_a′ A(s, a′). Subtracting the mean advantage makes the split
/// identifiable (adding c to V and −c to A would otherwise give the same Q) and is the form the paper trains with.
/// </summary>
public sealed class DuelingHead : Module<Tensor, Tensor>
{
    public DuelingHead(int features, int actions, Generator? generator = null)
    {
        Value = RegisterModule("value", new Linear(features, 1, generator: generator));
        Advantage = RegisterModule("advantage", new Linear(features, actions, generator: generator));
    }

    public Linear Value { get; }
    public Linear Advantage { get; }

    /// <summary>Q from V [batch, 1] and A [batch, actions]: V + A − mean_a A.</summary>
    public static Tensor Aggregate(Tensor value, Tensor advantage) => value + advantage - advantage.Mean(1, keepdim: true);

    protected override Tensor ForwardCore(Tensor input) => Aggregate(Value.Forward(input), Advantage.Forward(input));
}

using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class DqnTargetsTests
{
    // Two transitions, three actions, γ = 0.9. The second is terminal.
    private static readonly Tensor Rewards = Tensor.From(new float[] { 1, 2 });
    private static readonly Tensor Terminated = Tensor.From(new float[] { 0, 1 });
    private static readonly Tensor NextTarget = Tensor.From(new float[,] { { 1, 5, 3 }, { 7, 0, 0 } });
    private static readonly Tensor NextOnline = Tensor.From(new float[,] { { 4, 2, 6 }, { 0, 9, 0 } });

    [Fact]
    public void DqnTargetBootstrapsFromTheTargetNetworksMax()
    {
        // y₀ = 1 + 0.9·max(1, 5, 3) = 5.5; y₁ = 2 (terminal: no bootstrap).
        var y = DqnTargets.Compute(Rewards, Terminated, NextTarget, 0.9).ToArray<float>();
        Assert.Equal(5.5f, y[0], 5);
        Assert.Equal(2f, y[1]);
    }

    [Fact]
    public void DoubleDqnTargetLetsTheOnlineNetworkChooseAndTheTargetEvaluate()
    {
        // The online network picks a* = 2 in row 0 (value 6), the target values it at 3: y₀ = 1 + 0.9·3 = 3.7.
        var y = DqnTargets.Compute(Rewards, Terminated, NextTarget, 0.9, NextOnline).ToArray<float>();
        Assert.Equal(3.7f, y[0], 5);
        Assert.Equal(2f, y[1]);
    }

    [Fact]
    public void DuelingHeadSubtractsTheMeanAdvantage()
    {
        // V = 2, A = (1, 2, 6): mean A = 3, Q = 2 + (1, 2, 6) − 3 = (0, 1, 5). Second row V = −1, A = (0, 0, 3): Q = (−2, −2, 1).
        var q = DuelingHead.Aggregate(Tensor.From(new float[,] { { 2 }, { -1 } }), Tensor.From(new float[,] { { 1, 2, 6 }, { 0, 0, 3 } }));
        Assert.Equal(new float[] { 0, 1, 5, -2, -2, 1 }, q.ToArray<float>());
    }

    [Fact]
    public void DuelingHeadForwardIsTheAggregateOfItsTwoLinearStreams()
    {
        var head = new DuelingHead(3, 2, new Generator(1));
        var x = Tensor.From(new float[,] { { 0.5f, -1, 2 } });
        var expected = DuelingHead.Aggregate(head.Value.Forward(x), head.Advantage.Forward(x));
        Assert.Equal(expected.ToArray<float>(), head.Forward(x).ToArray<float>());
        Assert.Equal(["value.weight", "value.bias", "advantage.weight", "advantage.bias"], head.StateDict().Keys);
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => DqnTargets.Compute(Rewards, Terminated, Tensor.Zeros(3, 3), 0.9));
        Assert.Contains("DqnTargets.Compute", e.Message);
        Assert.Contains("[3, 3]", e.Message);
    }
}

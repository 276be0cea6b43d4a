using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class BanditStrategyTests
{
    [Fact]
    public void SampleAveragesAreUpdatedIncrementally()
    {
        var strategy = BanditStrategy.EpsilonGreedy(0);
        strategy.Reset(3);
        strategy.Update(1, 1.0);
        strategy.Update(1, 3.0);
        strategy.Update(2, -4.0);
        Assert.Equal([0.0, 2.0, -4.0], strategy.Estimates);
        Assert.Equal([0L, 2L, 1L], strategy.Counts);
        Assert.Equal(1, strategy.Choose(new Generator(0))); // greedy: the best estimate
    }

    [Fact]
    public void UcbTriesEveryArmOnceThenAddsTheConfidenceBonus()
    {
        var strategy = BanditStrategy.Ucb(2);
        strategy.Reset(2);
        strategy.Update(0, 1.0);
        Assert.Equal(1, strategy.Choose(new Generator(0))); // the unpulled arm counts as maximal
        strategy.Update(1, 0.5);
        strategy.Update(0, 1.0);
        // t = 4 at the next choice: arm 0, Q = 1, N = 2: 1 + 2√(ln 4/2) = 2.665; arm 1, Q = 0.5, N = 1: 0.5 + 2√(ln 4) = 2.855.
        Assert.Equal(1, strategy.Choose(new Generator(0)));
    }

    [Fact]
    public void BadParametersAreRejected()
    {
        Assert.Contains("call Reset(arms) first", Assert.Throws<InvalidOperationException>(() => BanditStrategy.Ucb(2).Choose(new Generator(0))).Message);
        var reset = BanditStrategy.EpsilonGreedy(0.1);
        reset.Reset(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => reset.Update(2, 1.0));
        Assert.Contains("epsilon must be in [0, 1], got 2", Assert.Throws<ArgumentException>(() => BanditStrategy.EpsilonGreedy(2)).Message);
        Assert.Contains("c must be finite and ≥ 0, got -1", Assert.Throws<ArgumentException>(() => BanditStrategy.Ucb(-1)).Message);
        Assert.Contains("arms must be positive, got 0", Assert.Throws<ArgumentException>(() => BanditStrategy.Ucb(1).Reset(0)).Message);
    }
}

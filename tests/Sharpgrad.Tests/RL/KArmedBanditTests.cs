using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class KArmedBanditTests
{
    [Fact]
    public void ArmMeansAreSeededAndRewardsCentreOnThem()
    {
        var bandit = new KArmedBandit(arms: 10, armSeed: 3);
        Assert.Equal(bandit.Means, new KArmedBandit(arms: 10, armSeed: 3).Means);
        Assert.NotEqual(bandit.Means, new KArmedBandit(arms: 10, armSeed: 4).Means);

        bandit.Reset(seed: 5);
        const int pulls = 20_000;
        for (int arm = 0; arm < 10; arm += 3)
        {
            double mean = Enumerable.Range(0, pulls).Average(_ => bandit.Step(arm).Reward);
            // The sample mean of N(μ, 1) has standard error 1/√n; 5 standard errors is a 1-in-a-million miss.
            Assert.InRange(mean, bandit.Means[arm] - 5 / Math.Sqrt(pulls), bandit.Means[arm] + 5 / Math.Sqrt(pulls));
        }
    }

    [Fact]
    public void GivenMeansFixTheOptimalArmAndTheSeedRepeatsRewards()
    {
        var bandit = new KArmedBandit([0.1, 0.7, -0.2, 0.7], rewardStdDev: 0.5);
        Assert.Equal(1, bandit.OptimalArm);
        bandit.Reset(seed: 9);
        var first = Enumerable.Range(0, 5).Select(_ => bandit.Step(2)).ToArray();
        bandit.Reset(seed: 9);
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => bandit.Step(2)).ToArray());
        Assert.All(first, s => Assert.False(s.Done));
    }

    [Fact]
    public void NoiselessBanditPaysItsMeans()
    {
        var bandit = new KArmedBandit([1.5, -2.0], rewardStdDev: 0);
        bandit.Reset();
        Assert.Equal(-2.0, bandit.Step(1).Reward);
        Assert.Throws<ArgumentException>(() => bandit.Step(-1));
        Assert.Throws<ArgumentException>(() => new KArmedBandit(arms: 0));
        Assert.Throws<ArgumentException>(() => new KArmedBandit([1.0], rewardStdDev: -1));
    }
}

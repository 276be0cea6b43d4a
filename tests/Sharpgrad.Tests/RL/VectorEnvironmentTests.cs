using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class VectorEnvironmentTests
{
    [Fact]
    public void CopyISeededWithSeedPlusIRunsTheSameEpisodeAsASingleEnvironment()
    {
        var vector = new VectorEnvironment(3, _ => new CartPole());
        var observations = vector.Reset(seed: 40);
        for (int i = 0; i < 3; i++)
            Assert.Equal(new CartPole().Reset(seed: 40 + i), observations[i]);
        Assert.NotEqual(observations[0], observations[1]);

        var single = new CartPole();
        single.Reset(seed: 41);
        for (int t = 0; t < 5; t++)
        {
            var step = vector.Step([1, 0, 1]);
            var expected = single.Step(0);
            Assert.Equal(expected.Observation, step.Observations[1]);
            Assert.Equal([1.0, 1.0, 1.0], step.Rewards);
        }
    }

    [Fact]
    public void AnEndedCopyIsResetAndItsFinalObservationKept()
    {
        // A time limit of 2 steps: the second step truncates every copy, which then starts afresh.
        var vector = new VectorEnvironment(2, _ => new CartPole(maxEpisodeSteps: 2));
        vector.Reset(seed: 0);
        var first = vector.Step([0, 1]);
        Assert.False(first.Done(0) || first.Done(1));
        var second = vector.Step([0, 1]);
        Assert.Equal([true, true], second.Truncated);
        Assert.Equal([false, false], second.Terminated);
        for (int i = 0; i < 2; i++)
        {
            Assert.NotEqual(second.FinalObservations[i], second.Observations[i]);
            // The new episode's first state is within gym's reset range, unlike the pushed final state's velocity.
            Assert.All(second.Observations[i], v => Assert.InRange(v, -0.05, 0.05));
            Assert.Equal(0, ((CartPole)vector[i]).ElapsedSteps);
        }
        Assert.False(vector.Step([0, 0]).Done(0)); // the copies go on stepping without an explicit reset
    }

    [Fact]
    public void TerminationAlsoAutoResets()
    {
        var vector = new VectorEnvironment(1, _ => new CartPole());
        vector.Reset(seed: 3);
        VectorStepResult step;
        int steps = 0;
        do step = vector.Step([1]); while (!step.Done(0) && ++steps < 500);
        Assert.True(step.Terminated[0]);
        Assert.True(Math.Abs(step.FinalObservations[0][2]) > CartPole.ThetaThreshold || Math.Abs(step.FinalObservations[0][0]) > CartPole.XThreshold);
        Assert.All(step.Observations[0], v => Assert.InRange(v, -0.05, 0.05));
    }

    [Fact]
    public void BadUseIsReportedClearly()
    {
        Assert.Contains("count must be positive, got 0", Assert.Throws<ArgumentException>(() => new VectorEnvironment(0, _ => new CartPole())).Message);
        var shared = new CartPole();
        Assert.Contains("already in the batch", Assert.Throws<ArgumentException>(() => new VectorEnvironment(2, _ => shared)).Message);
        var vector = new VectorEnvironment(2, _ => new CartPole());
        Assert.Contains("call Reset", Assert.Throws<InvalidOperationException>(() => vector.Step([0, 0])).Message);
        vector.Reset();
        Assert.Contains("one action per copy (2), got 3", Assert.Throws<ArgumentException>(() => vector.Step([0, 0, 1])).Message);
        Assert.Contains("action must be in [0, 2), got 2", Assert.Throws<ArgumentException>(() => vector.Step([0, 2])).Message);
    }
}

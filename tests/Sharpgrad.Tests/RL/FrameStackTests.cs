using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class FrameStackTests
{
    [Fact]
    public void TheObservationIsTheLastFramesOldestFirst()
    {
        var stacked = new FrameStack(new CartPole(), frames: 3);
        var plain = new CartPole();
        var first = plain.Reset(seed: 2);
        Assert.Equal([.. first, .. first, .. first], stacked.Reset(seed: 2));
        var o1 = plain.Step(1).Observation;
        Assert.Equal([.. first, .. first, .. o1], stacked.Step(1).Observation);
        var o2 = plain.Step(0).Observation;
        var o3 = plain.Step(0);
        stacked.Step(0);
        var step = stacked.Step(0);
        Assert.Equal([.. o1, .. o2, .. o3.Observation], step.Observation);
        Assert.Equal((o3.Reward, o3.Terminated, o3.Truncated), (step.Reward, step.Terminated, step.Truncated));
        Assert.Equal(12, ((BoxSpace)stacked.ObservationSpace).Dimension);
        Assert.Equal(-2 * CartPole.XThreshold, ((BoxSpace)stacked.ObservationSpace).Low[8]);
    }

    [Fact]
    public void BadFrameCountsAndActionsAreReported()
    {
        Assert.Contains("frames must be positive, got 0", Assert.Throws<ArgumentException>(() => new FrameStack(new CartPole(), 0)).Message);
        var stacked = new FrameStack(new CartPole(), 2);
        Assert.Contains("call Reset", Assert.Throws<InvalidOperationException>(() => stacked.Step(0)).Message);
        stacked.Reset();
        Assert.Contains("action must be in [0, 2), got 5", Assert.Throws<ArgumentException>(() => stacked.Step(5)).Message);
    }
}

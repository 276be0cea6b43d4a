using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class EpsilonScheduleTests
{
    [Fact]
    public void LinearAnnealingReachesItsEndAndStaysThere()
    {
        // Buduma's schedule: 1.0 → 0.001 over 3000 episodes.
        var schedule = EpsilonSchedule.Linear(1.0, 0.001, 3000);
        Assert.Equal(1.0, schedule.At(0));
        Assert.Equal(1.0 - 0.999 / 2, schedule.At(1500), 12);
        Assert.Equal(0.001, schedule.At(3000), 12);
        Assert.Equal(0.001, schedule.At(1_000_000), 12);
    }

    [Fact]
    public void ExponentialAndConstantSchedules()
    {
        var schedule = EpsilonSchedule.Exponential(1.0, 0.1, 0.5);
        Assert.Equal(1.0, schedule.At(0), 12);
        Assert.Equal(0.1 + 0.9 * 0.125, schedule.At(3), 12);
        Assert.Equal(0.25, EpsilonSchedule.Constant(0.25).At(12345));
    }

    [Fact]
    public void InvalidSchedulesNameTheirProblem()
    {
        Assert.Contains("start must be a probability", Assert.Throws<ArgumentException>(() => EpsilonSchedule.Linear(1.5, 0, 10)).Message);
        Assert.Contains("duration must be positive, got 0", Assert.Throws<ArgumentException>(() => EpsilonSchedule.Linear(1, 0, 0)).Message);
        Assert.Contains("decay must be in (0, 1), got 1", Assert.Throws<ArgumentException>(() => EpsilonSchedule.Exponential(1, 0, 1)).Message);
        Assert.Contains("must be ≥ 0, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => EpsilonSchedule.Exponential(1, 0, 0.5).At(-1)).Message);
    }
}

using Sharpgrad.RL;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.RL;

public class CartPoleTests
{
    [Fact]
    public void TrajectoryMatchesTheIndependentPythonReference()
    {
        // Fixtures/make_cartpole_fixture.py integrates the same equations in plain Python from a fixed state with a
        // fixed action sequence: 150 balancing steps, then pushes right until the pole falls.
        var fixture = Fixture.Load("cartpole.json");
        var initial = Fixture.Doubles(fixture.GetProperty("initial"));
        var actions = fixture.GetProperty("actions").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var expected = Fixture.Doubles(fixture.GetProperty("states").GetProperty("data"));

        var env = new CartPole();
        env.ResetTo(initial[0], initial[1], initial[2], initial[3]);
        for (int t = 0; t < actions.Length; t++)
        {
            var step = env.Step(actions[t]);
            for (int i = 0; i < 4; i++)
                Assert.True(Math.Abs(step.Observation[i] - expected[4 * t + i]) <= 1e-12,
                    $"step {t}, variable {i}: {step.Observation[i]} vs {expected[4 * t + i]}");
            Assert.Equal(1.0, step.Reward);
            Assert.Equal(t == actions.Length - 1, step.Terminated);
            Assert.False(step.Truncated);
        }
        Assert.True(fixture.GetProperty("terminated_at_last").GetBoolean());
        Assert.Equal(158, actions.Length);
    }

    [Fact]
    public void ResetDrawsEachVariableWithinFiveHundredthsAndASeedRepeatsIt()
    {
        var env = new CartPole();
        var first = env.Reset(seed: 7);
        Assert.All(first, v => Assert.InRange(v, -0.05, 0.05));
        Assert.Equal(first, env.Reset(seed: 7));
        Assert.NotEqual(first, env.Reset());
    }

    [Fact]
    public void ConstantsAreThoseOfCartPoleV1()
    {
        Assert.Equal(0.20943951023931953, CartPole.ThetaThreshold, 15);
        Assert.Equal(500, new CartPole().MaxEpisodeSteps);
        Assert.Equal(2, ((DiscreteSpace)new CartPole().ActionSpace).Count);
        Assert.Equal(4, ((BoxSpace)new CartPole().ObservationSpace).Dimension);
    }

    [Fact]
    public void TerminatesPastTwelveDegrees()
    {
        // θ = 0.2094 with θ̇ = 0.1 rad/s: after one step θ = 0.2094 + 0.02·0.1 = 0.2114 > 0.2095.
        var env = new CartPole();
        env.ResetTo(0, 0, 0.2094, 0.1);
        Assert.True(env.Step(1).Terminated);
        // x = 2.399 moving at 1 m/s: x = 2.419 > 2.4 after one step.
        env.ResetTo(2.399, 1, 0, 0);
        Assert.True(env.Step(0).Terminated);
    }

    [Fact]
    public void TruncatesAtTheTimeLimitAndRefusesToStepAfterwards()
    {
        var env = new CartPole(maxEpisodeSteps: 3);
        env.ResetTo(0, 0, 0, 0);
        Assert.False(env.Step(0).Done);
        Assert.False(env.Step(1).Done);
        var last = env.Step(0);
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
        var error = Assert.Throws<InvalidOperationException>(() => env.Step(1));
        Assert.Contains("call Reset", error.Message);
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        var env = new CartPole();
        Assert.Throws<InvalidOperationException>(() => env.Step(0));
        env.Reset(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => env.Step(2));
        Assert.Contains("CartPole.Step: action must be in [0, 2), got 2", error.Message);
        Assert.Throws<ArgumentException>(() => new CartPole(maxEpisodeSteps: 0));
    }
}

using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class SpaceTests
{
    [Fact]
    public void DiscreteSamplesStayInRange()
    {
        var space = new DiscreteSpace(3);
        var generator = new Generator(1);
        var seen = Enumerable.Range(0, 200).Select(_ => (int)space.Sample(generator)).Distinct().Order().ToArray();
        Assert.Equal([0, 1, 2], seen);
        Assert.False(space.Contains(3));
        Assert.Throws<ArgumentException>(() => new DiscreteSpace(0));
    }

    [Fact]
    public void BoxSamplesStayInsideTheBounds()
    {
        var space = new BoxSpace([-1, 0, double.NegativeInfinity], [1, 0.5, double.PositiveInfinity]);
        var generator = new Generator(2);
        for (int i = 0; i < 100; i++) Assert.True(space.Contains((double[])space.Sample(generator)));
        Assert.False(space.Contains([2.0, 0, 0]));
        Assert.False(space.Contains([0.0, 0]));
        var error = Assert.Throws<ArgumentException>(() => new BoxSpace([1], [0]));
        Assert.Contains("low[0] = 1 must not exceed high[0] = 0", error.Message);
    }
}

using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class GridMazeTests
{
    private static readonly string[] Layout = ["...G", ".#.T", "S..."];

    [Fact]
    public void MovesStopAtWallsAndEdgesAndPayTheConfiguredRewards()
    {
        var maze = new GridMaze(Layout, new MazeRewards(Goal: 100, Trap: -10, Step: -1));
        Assert.Equal(11, maze.StateCount); // 12 cells, one wall
        int start = maze.Reset();
        Assert.Equal((2, 0), maze.CellOf(start));

        var left = maze.Step(GridMaze.Left); // off the grid: stays
        Assert.Equal((start, -1.0, false), (left.Observation, left.Reward, left.Terminated));
        var right = maze.Step(GridMaze.Right);
        Assert.Equal(maze.StateOf(2, 1), right.Observation);
        Assert.Equal(maze.StateOf(2, 1), maze.Step(GridMaze.Up).Observation); // (1, 1) is the wall
        maze.Step(GridMaze.Right);
        maze.Step(GridMaze.Right); // (2, 3)
        var trap = maze.Step(GridMaze.Up);
        Assert.Equal((maze.StateOf(1, 3), -10.0, true), (trap.Observation, trap.Reward, trap.Terminated));
        Assert.Throws<InvalidOperationException>(() => maze.Step(GridMaze.Up));

        maze.Reset();
        foreach (var a in new[] { GridMaze.Up, GridMaze.Up, GridMaze.Right, GridMaze.Right })
            Assert.False(maze.Step(a).Done);
        var goal = maze.Step(GridMaze.Right);
        Assert.Equal((100.0, true), (goal.Reward, goal.Terminated));
    }

    [Fact]
    public void BadLayoutsAndActionsAreRejected()
    {
        Assert.Contains("exactly one start", Assert.Throws<ArgumentException>(() => new GridMaze(["..G"])).Message);
        Assert.Contains("got 'x'", Assert.Throws<ArgumentException>(() => new GridMaze(["S.x"])).Message);
        Assert.Contains("one length", Assert.Throws<ArgumentException>(() => new GridMaze(["S.", "G"])).Message);
        var maze = new GridMaze(Layout);
        maze.Reset();
        Assert.Contains("GridMaze.Step: action must be in [0, 4), got 4", Assert.Throws<ArgumentException>(() => maze.Step(4)).Message);
    }

    [Fact]
    public void TimeLimitTruncates()
    {
        var maze = new GridMaze(Layout, maxEpisodeSteps: 2);
        maze.Reset();
        Assert.False(maze.Step(GridMaze.Left).Done);
        var second = maze.Step(GridMaze.Left);
        Assert.True(second.Truncated && !second.Terminated);
    }
}

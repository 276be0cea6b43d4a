using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class TabularControlTests
{
    private static readonly string[] Tiny = ["S..", ".T.", "..G"];
    private static readonly MazeRewards Rewards = new(Goal: 1, Trap: -1, Step: 0);
    private const double Gamma = 0.9;

    /// <summary>Follows the greedy policy of <paramref name="q"/> from the start; each action must be optimal for V*.</summary>
    private static void AssertGreedyPathIsOptimal(GridMaze maze, double[,] q)
    {
        var optimal = DynamicProgramming.ValueIteration(maze, Gamma).Values;
        int state = maze.Reset();
        for (int t = 0; t < 4; t++)
        {
            int action = TabularControl.GreedyAction(q, state);
            var outcome = maze.Transitions(state, action)[0];
            double value = outcome.Reward + Gamma * optimal[outcome.NextState];
            Assert.True(Math.Abs(value - optimal[state]) <= 1e-12, $"step {t}: action {action} in state {state} is not optimal");
            state = maze.Step(action).Observation;
        }
        Assert.Equal('G', maze.CellKind(state)); // four moves: the shortest path around the trap
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QLearningAndSarsaFindTheOptimalGreedyPolicy(bool sarsa)
    {
        var maze = new GridMaze(Tiny, Rewards, maxEpisodeSteps: 100);
        var options = new TabularControlOptions(Episodes: 300, LearningRate: 0.5, Gamma: Gamma, Epsilon: 0.2, Seed: 1);
        var q = sarsa
            ? TabularControl.Sarsa(maze, maze.StateCount, maze.ActionCount, options)
            : TabularControl.QLearning(maze, maze.StateCount, maze.ActionCount, options);
        AssertGreedyPathIsOptimal(maze, q);
    }

    [Fact]
    public void QLearningOnACorridorConvergesToQStar()
    {
        // Deterministic corridor "S.G", goal +1, γ = 0.9: Q*(s, right) is 0.9 from S and 1 next to the goal;
        // with α = 0.5 and enough visits the estimates are within 1e-6 of those.
        var corridor = new GridMaze(["S.G"], new MazeRewards(Goal: 1, Step: 0), maxEpisodeSteps: 50);
        var q = TabularControl.QLearning(corridor, 3, 4, new TabularControlOptions(Episodes: 400, LearningRate: 0.5, Gamma: Gamma, Epsilon: 0.3, Seed: 2));
        Assert.Equal(0.9, q[0, GridMaze.Right], 1e-6);
        Assert.Equal(1.0, q[1, GridMaze.Right], 1e-6);
    }

    [Fact]
    public void TheSameSeedGivesTheSameTable()
    {
        var options = new TabularControlOptions(Episodes: 50, Gamma: Gamma, Seed: 4);
        var a = TabularControl.Sarsa(new GridMaze(Tiny, Rewards, 100), 9, 4, options);
        var b = TabularControl.Sarsa(new GridMaze(Tiny, Rewards, 100), 9, 4, options);
        Assert.Equal(a, b);
    }

    [Fact]
    public void InvalidHyperParametersAreRejected()
    {
        var maze = new GridMaze(Tiny, Rewards);
        Assert.Contains("QLearning: Epsilon must be in [0, 1], got 2",
            Assert.Throws<ArgumentException>(() => TabularControl.QLearning(maze, 9, 4, new TabularControlOptions(Epsilon: 2))).Message);
        Assert.Contains("Sarsa: LearningRate must be in (0, 1], got 0",
            Assert.Throws<ArgumentException>(() => TabularControl.Sarsa(maze, 9, 4, new TabularControlOptions(LearningRate: 0))).Message);
    }
}

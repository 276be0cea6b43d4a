using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class DynamicProgrammingTests
{
    private static readonly string[] Maze = ["...G", ".#.T", "S..."];
    private static readonly MazeRewards Rewards = new(Goal: 1, Trap: -1, Step: -0.04);

    [Fact]
    public void CorridorValuesAreTheGeometricSeries()
    {
        // "S...G", step −1, goal +10, γ = 0.9. From d cells before the goal, the optimal return is d − 1 steps of −1 and
        // then +10: V(d) = −(1 − γ^(d−1))/(1 − γ) + 10 γ^(d−1). By hand: 10, 8, 6.2, 4.58 for d = 1…4.
        var corridor = new GridMaze(["S...G"], new MazeRewards(Goal: 10, Step: -1));
        var result = DynamicProgramming.ValueIteration(corridor, gamma: 0.9);
        double[] expected = [4.58, 6.2, 8, 10, 0];
        for (int s = 0; s < 5; s++) Assert.Equal(expected[s], result.Values[s], 1e-10);
        Assert.Equal([1, 1, 1, 1, 0], result.Policy);
    }

    [Fact]
    public void EvaluatingAPolicyThatNeverArrivesGivesTheDiscountedSumOfStepPenalties()
    {
        // Always left never reaches the goal: −1 for ever, Σ γ^k (−1) = −1/(1 − γ) = −10 at γ = 0.9, in every state.
        var corridor = new GridMaze(["S...G"], new MazeRewards(Goal: 10, Step: -1));
        var values = DynamicProgramming.EvaluatePolicy(corridor, [3, 3, 3, 3, 0], gamma: 0.9);
        for (int s = 0; s < 4; s++) Assert.Equal(-10, values[s], 1e-9);
        // Always right: the same series as the optimal values.
        Assert.Equal(4.58, DynamicProgramming.EvaluatePolicy(corridor, [1, 1, 1, 1, 0], gamma: 0.9)[0], 1e-10);
    }

    [Fact]
    public void OptimalValuesSatisfyTheBellmanOptimalityEquation()
    {
        var maze = new GridMaze(Maze, Rewards);
        const double gamma = 0.95;
        var v = DynamicProgramming.ValueIteration(maze, gamma).Values;
        for (int s = 0; s < maze.StateCount; s++)
        {
            if (maze.IsTerminal(s)) { Assert.Equal(0, v[s]); continue; }
            // V*(s) = max_a Σ p (r + γ V*(s')), written out here rather than through the library's backup.
            double best = double.NegativeInfinity;
            for (int a = 0; a < maze.ActionCount; a++)
                best = Math.Max(best, maze.Transitions(s, a).Sum(t => t.Probability * (t.Reward + gamma * v[t.NextState])));
            Assert.True(Math.Abs(v[s] - best) <= 1e-9, $"state {s}: V = {v[s]}, backup = {best}");
        }
        // The start is 5 steps from the goal: four penalties then the goal, −0.04 (1 + γ + γ² + γ³) + γ⁴.
        double expectedStart = -0.04 * (1 + gamma + gamma * gamma + gamma * gamma * gamma) + Math.Pow(gamma, 4);
        Assert.Equal(expectedStart, v[maze.StartState], 1e-10);
    }

    [Fact]
    public void PolicyIterationAndValueIterationReachTheSamePolicy()
    {
        var maze = new GridMaze(Maze, Rewards);
        var byValue = DynamicProgramming.ValueIteration(maze, gamma: 0.95);
        var byPolicy = DynamicProgramming.PolicyIteration(maze, gamma: 0.95);
        Assert.Equal(byValue.Policy, byPolicy.Policy);
        for (int s = 0; s < maze.StateCount; s++) Assert.Equal(byValue.Values[s], byPolicy.Values[s], 1e-9);
        Assert.True(byValue.BellmanErrors[^1] <= 1e-12);
        // Next to the trap at (1, 2) the optimal move is up, away from it, toward the goal at (0, 3).
        Assert.Equal(GridMaze.Up, byValue.Policy[maze.StateOf(1, 2)]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var maze = new GridMaze(Maze, Rewards);
        Assert.Contains("ValueIteration: gamma must be in [0, 1], got 1.5",
            Assert.Throws<ArgumentException>(() => DynamicProgramming.ValueIteration(maze, 1.5)).Message);
        Assert.Contains("policy must give an action for each of the 11 states, got 2",
            Assert.Throws<ArgumentException>(() => DynamicProgramming.EvaluatePolicy(maze, [0, 1], 0.9)).Message);
        // γ = 1 with a policy that never ends (always left) has no finite value.
        var corridor = new GridMaze(["S.G"], new MazeRewards(Step: -1));
        Assert.Throws<InvalidOperationException>(() => DynamicProgramming.EvaluatePolicy(corridor, [3, 3, 0], 1.0, maxSweeps: 1000));
    }
}

using Sharpgrad.RL;

namespace Sharpgrad.Cli.Experiments;

/// <summary>What value iteration found on the maze, and whether policy iteration agrees.</summary>
public sealed record MazeSolution(GridMaze Maze, DynamicProgrammingResult ValueIteration, DynamicProgrammingResult PolicyIteration, double Gamma);

/// <summary>
/// Value iteration (Sutton &amp; Barto §4.4; NYU ch22's Bellman optimality backup V(s) ← max_a Σ p(s′, r|s, a)[r + γV(s′)])
/// on a 5×6 maze with Buduma's goal and trap rewards (+100, −10) and the NYU notes' −1 per move, so the shortest
/// safe path is best. Policy iteration solves the same maze as a check.
/// </summary>
public static class MazeValueIteration
{
    public const double Gamma = 0.9;

    /// <summary>The maze: S start, G goal, T traps, # walls.</summary>
    public static readonly string[] Layout =
    [
        "S..#..",
        ".#...T",
        ".#.#..",
        "...T#.",
        "T.#..G",
    ];

    public static readonly MazeRewards Rewards = new(Goal: 100, Trap: -10, Step: -1);

    public static MazeSolution Run()
    {
        var maze = new GridMaze(Layout, Rewards);
        return new MazeSolution(maze, DynamicProgramming.ValueIteration(maze, Gamma), DynamicProgramming.PolicyIteration(maze, Gamma), Gamma);
    }
}

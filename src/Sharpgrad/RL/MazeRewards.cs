namespace Sharpgrad.RL;

/// <summary>
/// The rewards of a <see cref="GridMaze"/>: entering the goal gives <paramref name="Goal"/>, entering a trap
/// <paramref name="Trap"/>, and every other move (bumping into a wall included) <paramref name="Step"/>.
/// Buduma's maze is (Goal: 100, Trap: −10, Step: 1)-like; the NYU notes use Step = −1, which makes the
/// shortest path optimal even without discounting.
/// </summary>
public sealed record MazeRewards(double Goal = 1.0, double Trap = -1.0, double Step = 0.0);

namespace Sharpgrad.RL;

/// <summary>
/// A deterministic grid world read from text rows: <c>S</c> start, <c>G</c> goal, <c>T</c> trap, <c>#</c> wall,
/// <c>.</c> free. The agent moves up (0), right (1), down (2) or left (3); a move into a wall or off the grid leaves it
/// where it is. Goal and trap cells are terminal. States are the non-wall cells numbered in row-major order, so the
/// same numbers serve the environment (observations) and the model (<see cref="IMarkovDecisionProcess"/>) that
/// dynamic programming reads.
/// </summary>
public sealed class GridMaze : DiscreteActionEnvironment<int>, IMarkovDecisionProcess
{
    public const int Up = 0, Right = 1, Down = 2, Left = 3;
    private static readonly (int Row, int Column)[] Moves = [(-1, 0), (0, 1), (1, 0), (0, -1)];

    private readonly string[] rows;
    private readonly int[,] stateOfCell;
    private readonly (int Row, int Column)[] cellOfState;
    private readonly Transition[][][] transitions;
    private readonly DiscreteSpace observations;
    private int current;

    public GridMaze(string[] layout, MazeRewards? rewards = null, int? maxEpisodeSteps = null) : base(actionCount: 4, maxEpisodeSteps)
    {
        if (layout.Length == 0 || layout.Any(r => r.Length != layout[0].Length || r.Length == 0))
            throw new ArgumentException($"GridMaze: layout rows must be non-empty and of one length, got lengths [{string.Join(", ", layout.Select(r => r.Length))}].", nameof(layout));
        var bad = string.Concat(layout).FirstOrDefault(c => !"SGT#.".Contains(c));
        if (bad != default)
            throw new ArgumentException($"GridMaze: layout may hold only S, G, T, # and '.', got '{bad}'.", nameof(layout));
        int starts = string.Concat(layout).Count(c => c == 'S');
        if (starts != 1) throw new ArgumentException($"GridMaze: layout needs exactly one start S, got {starts}.", nameof(layout));

        rows = (string[])layout.Clone();
        Rewards = rewards ?? new MazeRewards();
        stateOfCell = new int[Height, Width];
        var cells = new List<(int, int)>();
        for (int r = 0; r < Height; r++)
            for (int c = 0; c < Width; c++)
            {
                stateOfCell[r, c] = rows[r][c] == '#' ? -1 : cells.Count;
                if (rows[r][c] != '#') cells.Add((r, c));
                if (rows[r][c] == 'S') StartState = cells.Count - 1;
            }
        cellOfState = [.. cells];
        observations = new DiscreteSpace(cellOfState.Length);
        transitions = [.. Enumerable.Range(0, StateCount).Select(s => Enumerable.Range(0, ActionCount).Select(a => new[] { Move(s, a) }).ToArray())];
    }

    public MazeRewards Rewards { get; }
    public int Height => rows.Length;
    public int Width => rows[0].Length;
    public int StartState { get; }
    public int StateCount => cellOfState.Length;
    public int ActionCount => 4;
    public override Space ObservationSpace => observations;

    /// <summary>The character of the cell a state stands on ('S', 'G', 'T' or '.').</summary>
    public char CellKind(int state) => rows[cellOfState[state].Row][cellOfState[state].Column];

    public (int Row, int Column) CellOf(int state) => cellOfState[state];

    /// <summary>The state on a cell, or −1 for a wall.</summary>
    public int StateOf(int row, int column) => stateOfCell[row, column];

    public bool IsTerminal(int state) => CellKind(state) is 'G' or 'T';

    public IReadOnlyList<Transition> Transitions(int state, int action) => transitions[state][action];

    protected override int ResetCore() => current = StartState;

    protected override (int Observation, double Reward, bool Terminated) StepCore(int action)
    {
        var t = transitions[current][action][0];
        current = t.NextState;
        return (current, t.Reward, IsTerminal(current));
    }

    private Transition Move(int state, int action)
    {
        var (row, column) = cellOfState[state];
        int r = row + Moves[action].Row, c = column + Moves[action].Column;
        int next = r >= 0 && r < Height && c >= 0 && c < Width && stateOfCell[r, c] >= 0 ? stateOfCell[r, c] : state;
        double reward = CellKind(next) switch { 'G' => Rewards.Goal, 'T' => Rewards.Trap, _ => Rewards.Step };
        return new Transition(1.0, next, reward);
    }
}

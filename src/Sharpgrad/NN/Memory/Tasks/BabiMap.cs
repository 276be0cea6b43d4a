namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// The floor plan behind bAbI's path-finding task (task 19, Weston et al. 2015): rooms on the cells of a square grid,
/// joined into a tree by "The kitchen is north of the hallway." facts. Grown room by room: each new room takes a free
/// cell next to a room already placed (its parent), so the facts never contradict each other and, the plan being a
/// tree, every pair of rooms has exactly one path.
/// </summary>
internal sealed class BabiMap
{
    /// <summary>The four compass directions as grid steps (x east, y north), in <see cref="BabiVocabulary.Directions"/>' order.</summary>
    private static readonly (int Dx, int Dy)[] Steps = [(0, 1), (1, 0), (0, -1), (-1, 0)];

    private readonly List<string> rooms = [];
    private readonly Dictionary<string, (int X, int Y)> cell = [];

    /// <summary>The doors of the tree: room <c>To</c> lies in direction <c>Direction</c> (an index of <see cref="BabiVocabulary.Directions"/>) from room <c>From</c>.</summary>
    public List<(string From, int Direction, string To)> Doors { get; } = [];

    /// <summary>A plan of <paramref name="roomCount"/> rooms drawn from <see cref="BabiVocabulary.Locations"/>.</summary>
    public static BabiMap Grow(int roomCount, Generator g)
    {
        var map = new BabiMap();
        var names = BabiVocabulary.Locations.OrderBy(_ => g.NextDouble()).Take(roomCount).ToArray();
        map.Place(names[0], (0, 0));
        foreach (var name in names.Skip(1))
        {
            var free = (from parent in map.rooms
                        from d in Enumerable.Range(0, Steps.Length)
                        let c = (map.cell[parent].X + Steps[d].Dx, map.cell[parent].Y + Steps[d].Dy)
                        where !map.cell.ContainsValue(c)
                        select (parent, d, c)).ToArray();
            var (from, direction, at) = free[(int)g.NextInt64(free.Length)];
            map.Place(name, at);
            map.Doors.Add((from, direction, name));
        }
        return map;
    }

    /// <summary>The index of the direction opposite to <paramref name="direction"/> (north ↔ south, east ↔ west).</summary>
    public static int Opposite(int direction) => (direction + 2) % 4;

    /// <summary>The pairs of rooms two doors apart, with the two doors (indices into <see cref="Doors"/>) and the directions walked.</summary>
    public IEnumerable<(string Source, string Target, int[] Doors, int[] Directions)> TwoStepWalks()
    {
        var moves = Doors.SelectMany((door, i) => new[] { (door.From, door.Direction, door.To, Door: i), (From: door.To, Direction: Opposite(door.Direction), To: door.From, Door: i) }).ToArray();
        return from first in moves
               from second in moves
               where first.To == second.From && second.To != first.From
               select (first.From, second.To, new[] { first.Door, second.Door }, new[] { first.Direction, second.Direction });
    }

    private void Place(string room, (int X, int Y) at)
    {
        rooms.Add(room);
        cell[room] = at;
    }
}

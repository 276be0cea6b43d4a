namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>The state a bAbI story describes, updated sentence by sentence: where each actor is, who holds what, where dropped things lie.</summary>
internal sealed class BabiWorld
{
    public List<string> Story { get; } = [];
    public Dictionary<string, string> Location { get; } = [];
    public Dictionary<string, int> LastMove { get; } = [];
    public Dictionary<string, string> Holder { get; } = [];
    public List<(string Actor, string Item, int Sentence)> ObjectEvents { get; } = [];
    private readonly Dictionary<string, (string Place, int Sentence)> dropped = [];
    private readonly Dictionary<string, int> lastTaken = [];

    public void Move(string actor, string place, string verb)
    {
        Location[actor] = place;
        LastMove[actor] = Story.Count;
        Story.Add($"{actor} {verb} the {place}.");
    }

    public void Take(string actor, string item, string verb)
    {
        Holder[item] = actor;
        dropped.Remove(item);
        lastTaken[item] = Story.Count;
        ObjectEvents.Add((actor, item, Story.Count));
        Story.Add($"{actor} {verb} the {item}.");
    }

    public void Drop(string actor, string item, string verb)
    {
        Holder.Remove(item);
        dropped[item] = (Location[actor], Story.Count);
        ObjectEvents.Add((actor, item, Story.Count));
        Story.Add($"{actor} {verb} the {item}.");
    }

    public bool HasKnownLocation(string item) => Holder.ContainsKey(item) || dropped.ContainsKey(item);

    /// <summary>Where an item is, with the supporting sentences: its taking and its holder's last move, or its dropping and the dropper's move before it.</summary>
    public (string Place, int[] Support) WhereIs(string item)
    {
        if (Holder.TryGetValue(item, out var actor))
            return (Location[actor], [.. new[] { lastTaken[item], LastMove[actor] }.Order()]);
        var (place, sentence) = dropped[item];
        return (place, [sentence]);
    }

    public string PickMovedActor(Generator g)
    {
        var moved = LastMove.Keys.Order(StringComparer.Ordinal).ToArray();
        return moved[(int)g.NextInt64(moved.Length)];
    }
}

namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// A seeded generator of bAbI-style stories (Weston et al. 2015), since the original data cannot be downloaded here.
/// Actors move between rooms and pick up, carry and drop objects; a question about the final state is asked at the
/// end. The same generator seed gives the same examples. Words come from the fixed lists in <see cref="BabiVocabulary"/>.
/// </summary>
public static class BabiGenerator
{
    private static readonly string[] MoveVerbs = ["moved to", "went to", "journeyed to", "travelled to", "went back to"];
    private static readonly string[] TakeVerbs = ["picked up", "got", "grabbed"];
    private static readonly string[] DropVerbs = ["dropped", "discarded", "put down"];

    /// <summary>
    /// The most words a sentence or question of <paramref name="task"/> holds: "How do you go from the hallway to the
    /// garden" (10) for path finding, "How many objects is Sandra carrying" or "Mary went back to the kitchen" (6) otherwise.
    /// </summary>
    public static int LongestSentence(BabiTask task) => task == BabiTask.PathFinding ? 10 : 6;

    /// <summary><paramref name="count"/> examples of <paramref name="task"/>, each with <paramref name="sentences"/> story sentences.</summary>
    public static IReadOnlyList<BabiExample> Generate(BabiTask task, int count, int sentences, Generator generator)
    {
        MemoryChecks.Positive("BabiGenerator", ("count", count), ("sentences", sentences));
        return [.. Enumerable.Range(0, count).Select(_ => Generate(task, sentences, generator))];
    }

    /// <summary>One example of <paramref name="task"/> with <paramref name="sentences"/> story sentences.</summary>
    public static BabiExample Generate(BabiTask task, int sentences, Generator generator) => task switch
    {
        BabiTask.SingleSupportingFact => SingleSupportingFact(sentences, generator),
        BabiTask.YesNoQuestions => YesNo(sentences, generator),
        BabiTask.TwoSupportingFacts => TwoSupportingFacts(sentences, generator),
        BabiTask.Counting => Counting(sentences, generator),
        BabiTask.PathFinding => PathFinding(sentences, generator),
        _ => throw new ArgumentException($"BabiGenerator: unknown task {task}."),
    };

    private static BabiExample SingleSupportingFact(int sentences, Generator g)
    {
        var world = Moves(sentences, g);
        var actor = world.PickMovedActor(g);
        return new(world.Story, $"Where is {actor}?", world.Location[actor], [world.LastMove[actor]]);
    }

    private static BabiExample YesNo(int sentences, Generator g)
    {
        var world = Moves(sentences, g);
        var actor = world.PickMovedActor(g);
        var actual = world.Location[actor];
        bool yes = g.NextDouble() < 0.5;
        var asked = yes ? actual : Pick(BabiVocabulary.Locations.Where(l => l != actual).ToArray(), g);
        return new(world.Story, $"Is {actor} in the {asked}?", yes ? "yes" : "no", [world.LastMove[actor]]);
    }

    private static BabiExample TwoSupportingFacts(int sentences, Generator g)
    {
        if (sentences < 2)
            throw new ArgumentException($"BabiGenerator: {BabiTask.TwoSupportingFacts} needs at least 2 sentences (a move and a taking), got {sentences}.");
        while (true)
        {
            var world = WithObjects(sentences, g);
            var located = BabiVocabulary.Objects.Where(world.HasKnownLocation).ToArray();
            if (located.Length == 0) continue;
            var item = Pick(located, g);
            var (place, support) = world.WhereIs(item);
            return new(world.Story, $"Where is the {item}?", place, support);
        }
    }

    private static BabiExample Counting(int sentences, Generator g)
    {
        var world = WithObjects(sentences, g);
        var actor = world.PickMovedActor(g);
        int carried = world.Holder.Count(h => h.Value == actor);
        var support = world.ObjectEvents.Where(e => e.Actor == actor).Select(e => e.Sentence).ToArray();
        return new(world.Story, $"How many objects is {actor} carrying?", BabiVocabulary.Counts[carried], support);
    }

    /// <summary>
    /// Task 19: a floor plan of <paramref name="sentences"/> + 1 rooms (<see cref="BabiMap"/>), one fact per door in a
    /// random order and either orientation ("The garden is east of the office." or "The office is west of the garden."),
    /// and a question about two rooms two doors apart; the two door facts support the answer.
    /// </summary>
    private static BabiExample PathFinding(int sentences, Generator g)
    {
        int maxDoors = BabiVocabulary.Locations.Length - 1;
        if (sentences < 2 || sentences > maxDoors)
            throw new ArgumentException(
                $"BabiGenerator: {BabiTask.PathFinding} writes one sentence per door between {BabiVocabulary.Locations.Length} rooms, so it needs 2 … {maxDoors} sentences, got {sentences}.");
        var map = BabiMap.Grow(sentences + 1, g);
        var order = map.Doors.Select((_, i) => i).OrderBy(_ => g.NextDouble()).ToArray();
        var story = order.Select(i =>
        {
            var (from, direction, to) = map.Doors[i];
            return g.NextDouble() < 0.5
                ? $"The {to} is {BabiVocabulary.Directions[direction]} of the {from}."
                : $"The {from} is {BabiVocabulary.Directions[BabiMap.Opposite(direction)]} of the {to}.";
        }).ToList();
        var walks = map.TwoStepWalks().ToArray();
        var (source, target, doors, directions) = walks[(int)g.NextInt64(walks.Length)];
        return new(story, $"How do you go from the {source} to the {target}?", BabiVocabulary.PathAnswer(directions[0], directions[1]),
            [.. doors.Select(d => Array.IndexOf(order, d)).Order()]);
    }

    /// <summary>A story of moves only; the first sentence always moves someone, so a question can be asked.</summary>
    private static BabiWorld Moves(int sentences, Generator g)
    {
        var world = new BabiWorld();
        for (int i = 0; i < sentences; i++) world.Move(Pick(BabiVocabulary.Actors, g), Pick(BabiVocabulary.Locations, g), Pick(MoveVerbs, g));
        return world;
    }

    /// <summary>A story of moves (half the sentences) and object events; only an actor whose room is known takes or drops.</summary>
    private static BabiWorld WithObjects(int sentences, Generator g)
    {
        var world = new BabiWorld();
        while (world.Story.Count < sentences)
        {
            var actor = Pick(BabiVocabulary.Actors, g);
            var carried = world.Holder.Where(h => h.Value == actor).Select(h => h.Key).Order(StringComparer.Ordinal).ToArray();
            var free = BabiVocabulary.Objects.Where(o => !world.Holder.ContainsKey(o)).ToArray();
            double roll = g.NextDouble();
            if (roll < 0.5 || !world.Location.ContainsKey(actor)) world.Move(actor, Pick(BabiVocabulary.Locations, g), Pick(MoveVerbs, g));
            else if (roll < 0.8 && free.Length > 0) world.Take(actor, Pick(free, g), Pick(TakeVerbs, g));
            else if (carried.Length > 0) world.Drop(actor, Pick(carried, g), Pick(DropVerbs, g));
        }
        return world;
    }

    private static T Pick<T>(IReadOnlyList<T> options, Generator g) => options[(int)g.NextInt64(options.Count)];
}

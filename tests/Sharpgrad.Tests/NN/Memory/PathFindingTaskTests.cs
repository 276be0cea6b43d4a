using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>
/// bAbI task 19 (path finding) from <see cref="BabiGenerator"/>: each story is re-read without the generator, its facts
/// become a graph of rooms with compass-labelled moves, and a breadth-first search finds the answer the story implies.
/// </summary>
public sealed class PathFindingTaskTests
{
    private static readonly Dictionary<string, string> Opposite = new() { ["north"] = "south", ["south"] = "north", ["east"] = "west", ["west"] = "east" };

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void EveryAnswerIsTheUniqueShortestPathABreadthFirstSearchFinds(int sentences)
    {
        var examples = BabiGenerator.Generate(BabiTask.PathFinding, 100, sentences, new Generator(sentences));
        foreach (var example in examples)
        {
            Assert.Equal(sentences, example.Story.Count);
            var moves = Moves(example.Story);
            var words = example.Question.TrimEnd('?').Split(' ');
            Assert.Equal("How do you go from the", string.Join(" ", words[..6]));
            var (source, target) = (words[6], words[^1]);
            var (paths, walk) = Search(moves, source, target);
            Assert.Equal(1, paths);
            Assert.Equal(2, walk.Count);
            Assert.Equal(string.Join(",", walk.Select(m => m.Direction[0])), example.Answer);
            Assert.Equal(walk.Select(m => m.Fact).Order(), example.SupportingFacts);
        }
        Assert.True(examples.Select(e => e.Answer).Distinct().Count() >= 6, "the answers should vary");
    }

    [Fact]
    public void TheFactsDescribeAFloorPlanOnAGrid()
    {
        foreach (var example in BabiGenerator.Generate(BabiTask.PathFinding, 50, 5, new Generator(3)))
        {
            // Walk the facts from the first room, placing rooms on grid cells: no fact may contradict another, and no
            // two rooms may share a cell (a contradiction would put one room in two cells or two rooms in one).
            var moves = Moves(example.Story);
            var step = new Dictionary<string, (int, int)> { ["north"] = (0, 1), ["south"] = (0, -1), ["east"] = (1, 0), ["west"] = (-1, 0) };
            var start = moves.Keys.First();
            var cells = new Dictionary<string, (int X, int Y)> { [start] = (0, 0) };
            var queue = new Queue<string>([start]);
            while (queue.Count > 0)
            {
                var room = queue.Dequeue();
                foreach (var (direction, next, _) in moves[room])
                {
                    var (dx, dy) = step[direction];
                    (int X, int Y) at = (cells[room].X + dx, cells[room].Y + dy);
                    if (cells.TryGetValue(next, out var placed)) Assert.Equal(at, placed);
                    else { cells[next] = at; queue.Enqueue(next); }
                }
            }
            Assert.Equal(6, cells.Count);
            Assert.Equal(6, cells.Values.Distinct().Count());
        }
    }

    [Fact]
    public void StoriesUseTheVocabularyAndFitTheLongestSentence()
    {
        var example = BabiGenerator.Generate(BabiTask.PathFinding, 4, new Generator(1));
        Assert.Matches(@"^The \w+ is (north|south|east|west) of the \w+\.$", example.Story[0]);
        Assert.Matches(@"^5 How do you go from the \w+ to the \w+\?\t[nesw],[nesw]\t\d \d$", example.ToString().Split('\n')[^1]);
        var (stories, questions, answers) = BabiEncoder.Encode([example], 4, BabiGenerator.LongestSentence(BabiTask.PathFinding));
        Assert.Equal(BabiVocabulary.Id(example.Answer), answers[0].Item<long>());
        Assert.Equal(10, questions.Shape[1]);
        Assert.Contains("n,e", BabiVocabulary.Words);
        Assert.DoesNotContain("n,s", BabiVocabulary.Words);
    }

    [Fact]
    public void ATooShortOrTooLongStoryIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => BabiGenerator.Generate(BabiTask.PathFinding, 1, 6, new Generator(0)));
        Assert.Contains("PathFinding", error.Message);
        Assert.Contains("2 … 5 sentences, got 6", error.Message);
        Assert.Throws<ArgumentException>(() => BabiGenerator.Generate(BabiTask.PathFinding, 1, 1, new Generator(0)));
    }

    /// <summary>Per room, the moves the facts allow: "The A is north of the B." lets one go north from B to A and south from A to B.</summary>
    private static Dictionary<string, List<(string Direction, string To, int Fact)>> Moves(IReadOnlyList<string> story)
    {
        var moves = new Dictionary<string, List<(string, string, int)>>();
        void Add(string from, string direction, string to, int fact)
        {
            if (!moves.TryGetValue(from, out var list)) moves[from] = list = [];
            list.Add((direction, to, fact));
        }
        for (int i = 0; i < story.Count; i++)
        {
            var w = story[i].TrimEnd('.').Split(' ');
            Assert.Equal(7, w.Length);
            var (a, direction, b) = (w[1], w[3], w[6]);
            Add(b, direction, a, i);
            Add(a, Opposite[direction], b, i);
        }
        return moves;
    }

    /// <summary>Breadth-first search from <paramref name="source"/>: the number of shortest paths to the target (capped at 2) and one of them.</summary>
    private static (int Paths, List<(string Direction, string To, int Fact)> Walk) Search(
        Dictionary<string, List<(string Direction, string To, int Fact)>> moves, string source, string target)
    {
        var distance = new Dictionary<string, int> { [source] = 0 };
        var count = new Dictionary<string, int> { [source] = 1 };
        var via = new Dictionary<string, (string From, (string Direction, string To, int Fact) Move)>();
        var queue = new Queue<string>([source]);
        while (queue.Count > 0)
        {
            var room = queue.Dequeue();
            foreach (var move in moves[room])
            {
                if (!distance.ContainsKey(move.To))
                {
                    (distance[move.To], count[move.To], via[move.To]) = (distance[room] + 1, 0, (room, move));
                    queue.Enqueue(move.To);
                }
                if (distance[move.To] == distance[room] + 1) count[move.To] = Math.Min(2, count[move.To] + count[room]);
            }
        }
        var walk = new List<(string, string, int)>();
        for (var room = target; room != source; room = via[room].From) walk.Insert(0, via[room].Move);
        return (count[target], walk);
    }
}

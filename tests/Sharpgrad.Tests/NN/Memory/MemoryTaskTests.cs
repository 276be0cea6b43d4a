using Sharpgrad.NN.Memory.Tasks;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>The generated tasks: layouts, answer masks and answers checked against an independent reading of the inputs or stories.</summary>
public class MemoryTaskTests
{
    [Fact]
    public void CopyAsksForTheSequenceAfterTheDelimiter()
    {
        var batch = CopyTask.Generate(batch: 3, length: 4, bits: 5, new Generator(1), DType.Float64);
        Assert.Equal([9, 3, 6], batch.Input.Shape);
        Assert.Equal([9, 3, 5], batch.Target.Shape);
        Close(batch.Input.Narrow(0, 0, 4).Narrow(2, 0, 5), batch.Target.Narrow(0, 5, 4));
        Close([0, 0, 0, 0, 1, 0, 0, 0, 0], batch.Input.Select(1, 2).Select(1, 5));
        Close([0, 0, 0, 0, 0, 1, 1, 1, 1], batch.Mask.Select(1, 0));
        Assert.Equal(0, batch.Input.Narrow(0, 5, 4).Abs().Sum().Item());
        // Bits are fair coins: about half are 1.
        Assert.InRange(batch.Target.Sum().Item() / (4 * 3 * 5), 0.25, 0.75);
    }

    [Fact]
    public void TheLossCountsOnlyAnswerStepsAndPerfectLogitsMakeNoBitErrors()
    {
        var batch = CopyTask.Generate(batch: 2, length: 3, bits: 4, new Generator(2), DType.Float64);
        // Logits ±20 matching the targets on answer steps, garbage elsewhere: no errors, loss ≈ softplus(−20).
        var logits = (batch.Target * 40 - 20) * batch.Mask.Unsqueeze(-1) + (1 - batch.Mask.Unsqueeze(-1)) * 7;
        Assert.Equal(0, batch.BitErrors(logits));
        Assert.Equal(Math.Log(1 + Math.Exp(-20)), batch.Loss(logits).Item(), 12);
        Assert.Equal(3 * 4, batch.BitErrors(-logits));
        Assert.Equal(Math.Log(2), batch.Loss(Tensor.ZerosLike(logits)).Item(), 12);
    }

    [Fact]
    public void RepeatCopyRepeatsAndThenMarksTheEnd()
    {
        var batch = RepeatCopyTask.Generate(batch: 2, length: 2, repeats: 3, maxRepeats: 4, bits: 3, new Generator(3), DType.Float64);
        Assert.Equal([2 + 1 + 6 + 1, 2, 5], batch.Input.Shape);
        Assert.Equal(0.75, batch.Input[2, 1, 4].Item());
        var pattern = batch.Input.Narrow(0, 0, 2).Narrow(2, 0, 3);
        for (int r = 0; r < 3; r++) Close(pattern, batch.Target.Narrow(0, 3 + 2 * r, 2).Narrow(2, 0, 3));
        Close([0, 0, 0, 1, 0, 0, 0, 1], batch.Target.Select(0, 9).Flatten());
        Assert.Equal(2 * 7, batch.Mask.Sum().Item());
    }

    [Fact]
    public void AssociativeRecallAsksForTheItemAfterTheQuery()
    {
        const int items = 4, itemLength = 2, bits = 3;
        var batch = AssociativeRecallTask.Generate(batch: 5, items, itemLength, bits, new Generator(4), DType.Float64);
        int queryStart = items * (itemLength + 1);
        Assert.Equal([queryStart + itemLength + 2 + itemLength, 5, bits + 2], batch.Input.Shape);
        for (int s = 0; s < 5; s++)
        {
            var x = batch.Input.Select(1, s).Narrow(1, 0, bits);
            var query = x.Narrow(0, queryStart + 1, itemLength);
            var matches = Enumerable.Range(0, items).Where(i => x.Narrow(0, i * (itemLength + 1) + 1, itemLength).Eq(query).All()).ToArray();
            Assert.NotEmpty(matches);
            Close(x.Narrow(0, (matches[0] + 1) * (itemLength + 1) + 1, itemLength), batch.Target.Select(1, s).Narrow(0, queryStart + itemLength + 2, itemLength));
            Assert.Equal(1, batch.Input[queryStart, s, bits + 1].Item());
        }
    }

    [Fact]
    public void SingleSupportingFactAnswersWithTheActorsLastRoom()
    {
        foreach (var example in BabiGenerator.Generate(BabiTask.SingleSupportingFact, 50, 5, new Generator(5)))
        {
            string actor = example.Question.Split(' ')[2].TrimEnd('?');
            int last = example.Story.Select((s, i) => (s, i)).Last(p => p.s.StartsWith(actor + " ")).i;
            Assert.Equal(example.Story[last].Split(' ')[^1].TrimEnd('.'), example.Answer);
            Assert.Equal([last], example.SupportingFacts);
        }
    }

    [Fact]
    public void TwoSupportingFactsAndCountingAgreeWithAReplayOfTheStory()
    {
        var g = new Generator(6);
        foreach (var example in BabiGenerator.Generate(BabiTask.TwoSupportingFacts, 40, 8, g))
        {
            var (rooms, holders, dropped) = Replay(example.Story);
            string item = example.Question.Split(' ')[3].TrimEnd('?');
            Assert.Equal(holders.TryGetValue(item, out var actor) ? rooms[actor] : dropped[item], example.Answer);
        }
        string[] counts = ["none", "one", "two", "three"];
        foreach (var example in BabiGenerator.Generate(BabiTask.Counting, 40, 8, g))
        {
            var (_, holders, _) = Replay(example.Story);
            string actor = example.Question.Split(' ')[4];
            Assert.Equal(counts[holders.Count(h => h.Value == actor)], example.Answer);
        }
    }

    [Fact]
    public void YesNoQuestionsAreBalancedAndTrue()
    {
        var examples = BabiGenerator.Generate(BabiTask.YesNoQuestions, 60, 4, new Generator(7));
        foreach (var example in examples)
        {
            var words = example.Question.TrimEnd('?').Split(' ');
            var (rooms, _, _) = Replay(example.Story);
            Assert.Equal(rooms[words[1]] == words[^1] ? "yes" : "no", example.Answer);
        }
        Assert.InRange(examples.Count(e => e.Answer == "yes"), 15, 45);
    }

    [Fact]
    public void TheSameSeedGivesTheSameStoriesInBabisFormat()
    {
        var a = BabiGenerator.Generate(BabiTask.TwoSupportingFacts, 3, 6, new Generator(8));
        var b = BabiGenerator.Generate(BabiTask.TwoSupportingFacts, 3, 6, new Generator(8));
        Assert.Equal(a.Select(e => e.ToString()), b.Select(e => e.ToString()));
        var lines = a[0].ToString().Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("7 Where is the ", lines[6]);
        Assert.Matches(@"^1 (Daniel|John|Mary|Sandra) \w+", lines[0]);
    }

    [Fact]
    public void TheEncoderPutsTheLastSentenceInSlotZeroAndPads()
    {
        var example = new BabiExample(["Mary went to the kitchen.", "John moved to the garden."], "Where is Mary?", "kitchen", [0]);
        var (stories, questions, answers) = BabiEncoder.Encode([example], memorySize: 3, sentenceLength: 6);
        long Id(string w) => BabiVocabulary.Id(w);
        Assert.Equal([Id("john"), Id("moved"), Id("to"), Id("the"), Id("garden"), 0], stories[0, 0].ToArray<long>());
        Assert.Equal([Id("mary"), Id("went"), Id("to"), Id("the"), Id("kitchen"), 0], stories[0, 1].ToArray<long>());
        Assert.Equal(new long[6], stories[0, 2].ToArray<long>());
        Assert.Equal([Id("where"), Id("is"), Id("mary"), 0, 0, 0], questions[0].ToArray<long>());
        Assert.Equal(Id("kitchen"), answers[0].Item<long>());
        Assert.Equal(0, Id(BabiVocabulary.Padding));
        var error = Assert.Throws<ArgumentException>(() => BabiEncoder.Encode([example], 3, 4));
        Assert.Contains("more than sentenceLength = 4", error.Message);
    }

    /// <summary>Re-reads a story independently of the generator: rooms of actors, holders of objects, rooms of dropped objects.</summary>
    private static (Dictionary<string, string> Rooms, Dictionary<string, string> Holders, Dictionary<string, string> Dropped) Replay(IEnumerable<string> story)
    {
        var rooms = new Dictionary<string, string>();
        var holders = new Dictionary<string, string>();
        var dropped = new Dictionary<string, string>();
        foreach (var sentence in story)
        {
            var w = sentence.TrimEnd('.').Split(' ');
            string actor = w[0], last = w[^1];
            if (BabiVocabulary.Locations.Contains(last)) rooms[actor] = last;
            else if (sentence.Contains(" dropped ") || sentence.Contains(" discarded ") || sentence.Contains(" put down "))
            {
                holders.Remove(last);
                dropped[last] = rooms[actor];
            }
            else
            {
                holders[last] = actor;
                dropped.Remove(last);
            }
        }
        return (rooms, holders, dropped);
    }
}

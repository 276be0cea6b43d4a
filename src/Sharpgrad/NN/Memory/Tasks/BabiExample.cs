namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// One bAbI-style question: the story's sentences in order, the question, its one-word answer and the indices of the
/// sentences that support it, in bAbI's format ("1 Mary moved to the bathroom.", …, "Where is Mary? \tbathroom\t1").
/// </summary>
public sealed record BabiExample(IReadOnlyList<string> Story, string Question, string Answer, IReadOnlyList<int> SupportingFacts)
{
    /// <summary>The example as bAbI writes it: numbered sentences, then the question line with answer and supporting facts (1-based).</summary>
    public override string ToString() =>
        string.Join("\n", Story.Select((s, i) => $"{i + 1} {s}")) +
        $"\n{Story.Count + 1} {Question}\t{Answer}\t{string.Join(" ", SupportingFacts.Select(f => f + 1))}";
}

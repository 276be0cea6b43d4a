using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Sukhbaatar et al.'s Table 1 in miniature: a MemN2N with 1, 2 and 3 hops trained on each generated bAbI family
/// (<see cref="BabiTraining"/>, same budget and seed for every cell of the table), and its test error. bAbI counts a
/// task as failed above 5 % error.
/// </summary>
public static class MemN2NBabi
{
    public static IReadOnlyList<BabiTask> Tasks { get; } =
        [BabiTask.SingleSupportingFact, BabiTask.TwoSupportingFacts, BabiTask.YesNoQuestions, BabiTask.Counting];

    public static IReadOnlyList<int> Hops { get; } = [1, 2, 3];

    /// <summary>1000 training and 1000 test stories of 6 sentences, d = 20, 20 epochs of Adam 0.01, seed 0.</summary>
    public static BabiTrainingOptions DefaultOptions { get; } = new();

    /// <summary>One run per task and hop count, task-major.</summary>
    public static IReadOnlyList<BabiTrainingRun> Run(BabiTrainingOptions? options = null, IReadOnlyList<BabiTask>? tasks = null, IReadOnlyList<int>? hops = null)
    {
        var o = options ?? DefaultOptions;
        return [.. (tasks ?? Tasks).SelectMany(task => (hops ?? Hops).Select(h => BabiTraining.Train(task, o with { Hops = h })))];
    }
}

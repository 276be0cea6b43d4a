namespace Sharpgrad.Cli.Experiments;

/// <summary>What a run produced: its files, its key numbers, and whether its claim held.</summary>
/// <param name="Files">The paths written (figures and tables), in the order a reader should look at them.</param>
/// <param name="KeyNumbers">The handful of numbers the claim rests on, in reading order.</param>
/// <param name="Check">The machine check of <see cref="ExperimentInfo.Claim"/> on this run.</param>
public sealed record ExperimentOutcome(IReadOnlyList<string> Files, IReadOnlyList<KeyNumber> KeyNumbers, ClaimCheck Check);

/// <summary>One named number of a run, e.g. ("test MSE, degree 3", 0.041).</summary>
public sealed record KeyNumber(string Name, double Value);

/// <summary>Whether the claim held, and the evidence in one sentence with its numbers (shown whether it held or not).</summary>
public sealed record ClaimCheck(bool Holds, string Evidence)
{
    /// <summary>A check that holds when <paramref name="holds"/> is true; the same evidence either way.</summary>
    public static ClaimCheck That(bool holds, string evidence) => new(holds, evidence);
}

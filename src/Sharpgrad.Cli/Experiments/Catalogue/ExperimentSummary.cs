namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// One finished run of an experiment, as written to its folder's summary.json and read back by <c>sharpgrad report</c>.
/// </summary>
/// <param name="Info">The catalogue entry.</param>
/// <param name="Seed">The seed the run used.</param>
/// <param name="Quick">Whether it was the quick run.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Outcome">Files (as written), key numbers and the claim check.</param>
/// <param name="FinishedUtc">When it finished.</param>
public sealed record ExperimentSummary(ExperimentInfo Info, int Seed, bool Quick, TimeSpan Elapsed, ExperimentOutcome Outcome, DateTime FinishedUtc)
{
    /// <summary>The command that reproduces this run exactly.</summary>
    public string Command => $"sharpgrad experiments run {Info.Id} --seed {Seed}{(Quick ? " --quick" : "")}";
}

using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>How to run an experiment: where to write, where to print, with which seed, and whether quickly.</summary>
/// <param name="OutputDirectory">The experiment's own folder (created if missing); figures, CSV and summary.json go here.</param>
/// <param name="Console">Where the summary table goes.</param>
/// <param name="Seed">The seed of every random choice the experiment makes; experiments over several seeds use Seed, Seed + 1, ….</param>
/// <param name="Quick">
/// Small data and few steps: seconds instead of minutes, the mode tests and CI run. The claim is still checked; an
/// experiment whose claim only holds on the full run says so in its evidence and checks a weaker, stated form.
/// </param>
public sealed record ExperimentContext(string OutputDirectory, IAnsiConsole Console, int Seed, bool Quick);

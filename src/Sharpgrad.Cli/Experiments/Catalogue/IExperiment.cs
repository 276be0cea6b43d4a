namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// One of the books' experiments, runnable as <c>sharpgrad experiments run &lt;id&gt;</c>. It computes its numbers (in a
/// separate class that tests call without rendering), writes its figures as PNG and its numbers as CSV into
/// <see cref="ExperimentContext.OutputDirectory"/>, prints a short summary table, and checks its own claim: the
/// <see cref="ExperimentOutcome"/> says, with the numbers, whether the book's statement held on this run.
/// </summary>
public interface IExperiment
{
    /// <summary>What the catalogue shows: id, title, book references, the claim, tags and the typical run time.</summary>
    ExperimentInfo Info { get; }

    /// <summary>Runs the experiment with the context's seed, in its quick or full mode.</summary>
    ExperimentOutcome Run(ExperimentContext context);
}

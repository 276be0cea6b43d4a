namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The catalogue entry of an experiment: what <c>sharpgrad experiments list</c> and the HTML report show.
/// </summary>
/// <param name="Id">The name users type, e.g. "polynomial-fit".</param>
/// <param name="Title">A short title for lists and report headings.</param>
/// <param name="Area">The part of the books it belongs to (one source folder per area), e.g. "Machine-learning basics".</param>
/// <param name="References">Where in the books, each as "BOOK place", e.g. "GBC Fig. 5.3", "Buduma ch4", "CLS Fig. 3.21".</param>
/// <param name="Claim">The statement the experiment demonstrates, in one sentence; <see cref="ExperimentOutcome.Check"/> tests it.</param>
/// <param name="Tags">Free keywords for filtering, e.g. "regularisation", "rnn".</param>
/// <param name="TypicalRunTime">The full run on one or two cores of a current desktop (the quick run takes seconds).</param>
/// <param name="DefaultSeed">The seed used when <c>--seed</c> is not given; the documented numbers come from it.</param>
public sealed record ExperimentInfo(
    string Id,
    string Title,
    string Area,
    IReadOnlyList<string> References,
    string Claim,
    IReadOnlyList<string> Tags,
    TimeSpan TypicalRunTime,
    int DefaultSeed = 0)
{
    /// <summary>The references parsed into book and chapter, for filtering and the report's index.</summary>
    public IReadOnlyList<BookReference> Books => [.. References.Select(BookReference.Parse)];
}

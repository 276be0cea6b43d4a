namespace Sharpgrad.Cli.Report;

/// <summary>The one-word state of an experiment in the report (held, did not hold, not run, unreadable), styled.</summary>
public static class ExperimentStatus
{
    public static SafeHtml Of(ExperimentEntry entry) => entry switch
    {
        { Summary.Outcome.Check.Holds: true } => Html.Element("span", "claim held", ("class", "held")),
        { Summary: not null } => Html.Element("span", "claim did not hold", ("class", "failed")),
        { Problem: not null } => Html.Element("span", "run unreadable", ("class", "failed")),
        _ => Html.Element("span", "not run yet", ("class", "pending")),
    };
}

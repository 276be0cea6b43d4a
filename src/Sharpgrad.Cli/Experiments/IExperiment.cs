using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// One of the books' experiments, runnable as <c>sharpgrad experiments run &lt;id&gt;</c>: it computes its numbers
/// (in a separate class that tests call without rendering), writes its figures as PNG and its numbers as CSV into an
/// output folder, and prints a short summary table.
/// </summary>
public interface IExperiment
{
    /// <summary>The name users type, e.g. "polynomial-fit".</summary>
    string Id { get; }

    /// <summary>One line: what it shows and which figure of which book.</summary>
    string Description { get; }

    /// <summary>Runs the experiment, writing into <paramref name="outputDirectory"/> (created if missing); returns the files written.</summary>
    IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console);
}

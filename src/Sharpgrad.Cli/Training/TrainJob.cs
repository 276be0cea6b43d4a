using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad train</c>: receives validated <see cref="TrainSettings"/> and does the
/// work. Parsing, validation, error reporting and exit codes for bad arguments all happen before
/// this is called (see <c>Commands/TrainCommand.cs</c>), so this class is only about training.
/// </summary>
/// <remarks>
/// Intended flow once the library is wired in: load the digits data and split it with
/// <see cref="TrainSettings.Seed"/>; build the model and optimizer; run the epochs through
/// <see cref="TrainingProgress.Run"/>; after each epoch rewrite <see cref="MetricsCsv"/> and
/// <see cref="Plots.TrainingCurvesPlot"/> in <see cref="TrainSettings.OutputDirectory"/>; save the model there.
/// </remarks>
public sealed class TrainJob(IAnsiConsole console)
{
    /// <summary>A job that writes to the process's console.</summary>
    public TrainJob()
        : this(AnsiConsole.Console)
    {
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    /// <remarks>
    /// Throw <see cref="IOException"/> or <see cref="InvalidDataException"/> for problems the user can
    /// fix (unreadable data, unwritable folder): the entry point prints their message as a one-line
    /// error. Anything else is treated as a bug and shown with its stack trace.
    /// </remarks>
    public int Run(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Placeholder until training is implemented: show what was asked for.
        console.WriteLine("train (not implemented yet) with settings:");
        foreach ((string option, string value) in settings.Describe())
        {
            console.WriteLine($"  {option,-13} {value}");
        }
        return 0;
    }
}

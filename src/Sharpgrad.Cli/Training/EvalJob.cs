using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad eval</c>: receives validated <see cref="EvalSettings"/> and reports how a
/// saved model does on the test split. Argument parsing and validation happen before this is called
/// (see <c>Commands/EvalCommand.cs</c>).
/// </summary>
/// <remarks>
/// Intended flow: load <see cref="EvalSettings.ModelFile"/>, rebuild the split with
/// <see cref="EvalSettings.Seed"/>, and print the test loss and accuracy.
/// </remarks>
public sealed class EvalJob(IAnsiConsole console)
{
    /// <summary>A job that writes to the process's console.</summary>
    public EvalJob()
        : this(AnsiConsole.Console)
    {
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    /// <remarks>
    /// Throw <see cref="IOException"/> or <see cref="InvalidDataException"/> for problems the user can
    /// fix (e.g. a file that is not a saved model): the entry point prints their message as a one-line error.
    /// </remarks>
    public int Run(EvalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Placeholder until evaluation is implemented: show what was asked for.
        console.WriteLine("eval (not implemented yet) with settings:");
        foreach ((string option, string value) in settings.Describe())
        {
            console.WriteLine($"  {option,-13} {value}");
        }
        return 0;
    }
}

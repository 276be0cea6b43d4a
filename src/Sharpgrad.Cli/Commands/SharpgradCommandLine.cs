using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// The whole command line: builds the command tree, parses, reports mistakes, and runs the chosen
/// command. Kept apart from <c>Program</c> so tests can drive it with any arguments and capture
/// what it prints.
/// </summary>
/// <remarks>
/// Exit codes: 0 success; 1 the job failed (an I/O or data error, a bad value in a file, a run that
/// diverged); 2 the command line itself was wrong, or no command was given. Every failure is one line on
/// standard error, never a stack trace.
/// </remarks>
public static class SharpgradCommandLine
{
    /// <summary>Exit code for a job that failed with a user-fixable error.</summary>
    public const int JobFailed = 1;

    /// <summary>Exit code for a command line that could not be parsed or validated.</summary>
    public const int UsageError = 2;

    /// <summary>The command name users type, whatever the launcher file is called.</summary>
    public const string Name = "sharpgrad";

    /// <summary>The root command with <c>train</c> and <c>eval</c> under it.</summary>
    /// <remarks>
    /// A plain <see cref="Command"/> rather than <see cref="RootCommand"/>: the latter names itself after
    /// the running executable, which is "Sharpgrad.Cli" under <c>dotnet run</c>, and help and error
    /// lines should say "sharpgrad". The help and version options RootCommand would add are added here.
    /// </remarks>
    public static Command Build(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);

        var root = new Command(Name, "Sharpgrad: train and evaluate small neural networks on the digits, Fashion-MNIST and MNIST data sets.")
        {
            new HelpOption(),
            new VersionOption(),
            new TrainCommand(console),
            new EvalCommand(console),
            new ExportCommand(console),
            new SearchCommand(console),
            new ExperimentsCommand(console),
            new BenchCommand(),
            new SummaryCommand(),
            new EmbedCommand(),
            new RlCommand(console),
            new ReportCommand(console),
        };

        // Bare "sharpgrad" shows what there is to do rather than a terse "command required" error.
        root.SetAction(parseResult =>
        {
            root.Parse(["--help"]).Invoke(parseResult.InvocationConfiguration);
            return UsageError;
        });
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="console">Where jobs draw progress and tables; defaults to the process console.</param>
    /// <param name="output">Where help goes; defaults to standard output.</param>
    /// <param name="error">Where error lines go; defaults to standard error.</param>
    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        console ??= AnsiConsole.Console;
        output ??= Console.Out;
        error ??= Console.Error;

        ParseResult parseResult = Build(console).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            WriteParseErrors(parseResult, error);
            return UsageError;
        }

        try
        {
            // The default handler would print a stack trace for every exception; we decide below.
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or Sharpgrad.Training.TrainingDivergedException)
        {
            // Missing or unreadable files, full disks, malformed model files, values the library refused: the
            // message says it all (library messages name the op or file and what was expected).
            error.WriteLine($"{CommandPath(parseResult)}: error: {OneLine(ex.Message)}");
            return JobFailed;
        }
        catch (Exception ex)
        {
            // The last line of defence: anything else is a bug, but a user still gets one line, not a stack trace.
            error.WriteLine($"{CommandPath(parseResult)}: internal error ({ex.GetType().Name}): {OneLine(ex.Message)} Please report this.");
            return JobFailed;
        }
    }

    /// <summary>A message on one line: an exception message may hold line breaks.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// One line per error, the last one pointing to the relevant help. Deliberately not the full help
    /// text: one precise line is easier to read than the error buried above a screen of options.
    /// </summary>
    private static void WriteParseErrors(ParseResult parseResult, TextWriter error)
    {
        string command = CommandPath(parseResult);
        IReadOnlyList<string> errors = OptionSuggestions.Rewrite(parseResult);
        for (int i = 0; i < errors.Count; i++)
        {
            string hint = i == errors.Count - 1 ? $" See '{command} --help'." : "";
            error.WriteLine($"{command}: error: {errors[i]}{hint}");
        }
    }

    /// <summary>"sharpgrad train" for the train command: the words that lead to the parsed command.</summary>
    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                names.Add(command.Command.Name);
            }
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// Turns System.CommandLine's "Unrecognized command or argument" errors for a mistyped option into one line that
/// suggests the closest option of the command ("unknown option '--epoch'; did you mean --epochs?"), instead of one
/// line for the option and another for its value.
/// </summary>
internal static class OptionSuggestions
{
    /// <summary>The error messages to print, in order.</summary>
    public static IReadOnlyList<string> Rewrite(ParseResult parseResult)
    {
        var unknown = parseResult.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-'));
        if (unknown is null) return [.. parseResult.Errors.Select(e => e.Message)];
        var others = parseResult.Errors
            .Where(e => !parseResult.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            .Select(e => e.Message);
        return [.. others, Describe(unknown, parseResult.CommandResult.Command)];
    }

    private static string Describe(string unknown, Command command)
    {
        string name = unknown.Split('=')[0];
        var names = command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct();
        var closest = names.Select(n => (Name: n, Distance: Distance(name, n))).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        // Within a third of the name's length: close enough to be a typo, not just another option.
        return closest.Name is not null && closest.Distance <= Math.Max(2, name.Length / 3)
            ? $"unknown option '{name}'; did you mean {closest.Name}?"
            : $"unknown option '{name}'.";
    }

    /// <summary>Levenshtein distance: the fewest insertions, deletions and substitutions turning one name into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}

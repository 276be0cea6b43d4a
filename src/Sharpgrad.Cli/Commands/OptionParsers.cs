using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// Value parsers for command-line options. System.CommandLine's built-in conversions reject bad
/// input with messages such as "Cannot parse argument 'x' for option '--lr' as expected type
/// 'System.Double'", and cannot express "positive"; these parse and range-check in one step and say
/// what was expected in the user's terms, naming the option and, for choices, every accepted value.
/// </summary>
/// <remarks>
/// Each parser reports a problem through <see cref="ArgumentResult.AddError"/>, which makes it a
/// parse error: the entry point prints it as one line and exits non-zero before any job runs.
/// All numbers use the invariant culture, so "0.1" means the same on every machine.
/// </remarks>
internal static class OptionParsers
{
    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>An integer greater than zero (epochs, batch size).</summary>
    public static Func<ArgumentResult, int> PositiveInt(int defaultValue) =>
        Single(defaultValue, "a positive integer", (string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value > 0);

    /// <summary>Any integer (seeds).</summary>
    public static Func<ArgumentResult, int> Int(int defaultValue) =>
        Single(defaultValue, "an integer", (string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));

    /// <summary>A finite number greater than zero (learning rate); accepts forms like 0.1 and 1e-3.</summary>
    public static Func<ArgumentResult, double> PositiveDouble(double defaultValue) =>
        DoubleInRange(defaultValue, "a positive number", value => value > 0);

    /// <summary>A finite number that is zero or more (penalty coefficients such as the weight decay).</summary>
    public static Func<ArgumentResult, double> NonNegativeDouble(double defaultValue) =>
        DoubleInRange(defaultValue, "a number ≥ 0", value => value >= 0);

    /// <summary>A probability in [0, 1) (dropout rate: 1 would drop everything).</summary>
    public static Func<ArgumentResult, double> DropProbability(double defaultValue) =>
        DoubleInRange(defaultValue, "a probability in [0, 1)", value => value >= 0 && value < 1);

    /// <summary>A fraction in [0, 1] (label smoothing).</summary>
    public static Func<ArgumentResult, double> Fraction(double defaultValue) =>
        DoubleInRange(defaultValue, "a number in [0, 1]", value => value >= 0 && value <= 1);

    private static Func<ArgumentResult, double> DoubleInRange(double defaultValue, string expected, Func<double, bool> accept) =>
        Single(defaultValue, expected, (string text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value)
            && accept(value));

    /// <summary>Comma-separated positive integers such as <c>64,32</c> (hidden layer widths).</summary>
    public static Func<ArgumentResult, int[]> PositiveIntList(int[] defaultValue) =>
        Single(defaultValue, "comma-separated positive integers such as 64,32", (string text, out int[] values) =>
        {
            string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
            values = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] <= 0)
                {
                    return false;
                }
            }
            return true;
        });

    /// <summary>
    /// One member of <typeparamref name="TEnum"/>, spelled in lower case and matched
    /// case-insensitively (<c>sgd</c> or <c>SGD</c> for <c>OptimizerKind.Sgd</c>).
    /// </summary>
    public static Func<ArgumentResult, TEnum> Choice<TEnum>(TEnum defaultValue)
        where TEnum : struct, Enum =>
        Single(defaultValue, $"one of: {string.Join(", ", ChoiceNames<TEnum>())}", (string text, out TEnum value) =>
        {
            foreach (TEnum candidate in Enum.GetValues<TEnum>())
            {
                if (string.Equals(ChoiceName(candidate), text, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }
            value = default;
            return false;
        });

    /// <summary>A path to a file that exists, returned as given.</summary>
    public static Func<ArgumentResult, string> ExistingFile() =>
        Single("", "an existing file", (string text, out string path) =>
        {
            path = text;
            return File.Exists(text);
        });

    /// <summary>A path to a directory that exists, returned as given (a run folder to resume).</summary>
    public static Func<ArgumentResult, string> ExistingDirectory() =>
        Single("", "an existing directory", (string text, out string path) =>
        {
            path = text;
            return Directory.Exists(text);
        });

    /// <summary>
    /// A non-empty path (output folders). An empty value is rejected rather than read as "use the
    /// default": it usually comes from an unset shell variable, e.g. <c>--out "$RUN_DIR"</c>.
    /// </summary>
    public static Func<ArgumentResult, string> NonEmptyPath() =>
        Single("", "a non-empty path", (string text, out string path) =>
        {
            path = text;
            return !string.IsNullOrWhiteSpace(text);
        });

    /// <summary>How <paramref name="value"/> is spelled on the command line.</summary>
    /// <remarks>The member's <see cref="ChoiceNameAttribute"/> when it has one, else its name in lower case.</remarks>
    public static string ChoiceName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<ChoiceNameAttribute>()?.Name
        ?? value.ToString().ToLowerInvariant();

    /// <summary>Help text listing the accepted values and the default, e.g. "Accepted: sgd, adam. [default: sgd]".</summary>
    public static string DescribeChoices<TEnum>(TEnum defaultValue)
        where TEnum : struct, Enum =>
        $"Accepted: {string.Join(", ", ChoiceNames<TEnum>())}. [default: {ChoiceName(defaultValue)}]";

    /// <summary>Every accepted spelling of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> ChoiceNames<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(ChoiceName).ToArray();

    /// <summary>
    /// Turns a try-parse function into a parser for an option that takes one value, reporting
    /// failure as "--name must be EXPECTED, got 'TEXT'."
    /// </summary>
    private static Func<ArgumentResult, T> Single<T>(T defaultValue, string expected, TryParse<T> tryParse) =>
        result =>
        {
            // No token means the option was not given (System.CommandLine may still call a custom
            // parser then), so the default applies.
            if (result.Tokens.Count == 0)
            {
                return defaultValue;
            }

            string text = result.Tokens[0].Value;
            if (!tryParse(text, out T value))
            {
                result.AddError($"{OptionName(result)} must be {expected}, got '{text}'.");
                return defaultValue;
            }
            return value;
        };

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}

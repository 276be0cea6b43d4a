using System.Globalization;

namespace Sharpgrad.Training;

/// <summary>One point of a search space: a trial number (1-based) and a value for every hyper-parameter, in space order.</summary>
public sealed class Trial
{
    public Trial(int number, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        Number = number;
        Parameters = new OrderedDictionary<string, object>(parameters);
    }

    public int Number { get; }

    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>The value of <paramref name="name"/> converted to <typeparamref name="T"/> (e.g. a categorical 32 as an int or a double).</summary>
    public T Get<T>(string name)
    {
        if (!Parameters.TryGetValue(name, out var value))
            throw new KeyNotFoundException($"Trial {Number}: no hyper-parameter '{name}'; it has {string.Join(", ", Parameters.Keys)}.");
        if (value is T typed) return typed;
        try
        {
            return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidCastException($"Trial {Number}: hyper-parameter '{name}' = {value} cannot be read as {typeof(T).Name}.", e);
        }
    }

    /// <summary>"lr=0.01, hidden=64,32", doubles in round-trip form.</summary>
    public override string ToString() => ToString("R");

    /// <summary>The same with doubles in <paramref name="numberFormat"/> ("G4" for a console line a person reads).</summary>
    public string ToString(string numberFormat) =>
        string.Join(", ", Parameters.Select(p => $"{p.Key}={FormatValue(p.Value, numberFormat)}"));

    /// <summary>
    /// A value as invariant text: doubles in <paramref name="numberFormat"/> (round-trip by default, which files and
    /// command lines need; "G4" for tables a person reads), everything else as itself.
    /// </summary>
    public static string FormatValue(object value, string numberFormat = "R") => value switch
    {
        double d => d.ToString(numberFormat, CultureInfo.InvariantCulture),
        float f => f.ToString(numberFormat, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

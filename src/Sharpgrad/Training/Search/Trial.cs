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

    /// <summary>"lr=0.01, hidden=64,32".</summary>
    public override string ToString() =>
        string.Join(", ", Parameters.Select(p => $"{p.Key}={FormatValue(p.Value)}"));

    /// <summary>A value as invariant text: doubles in round-trip form, everything else as itself.</summary>
    public static string FormatValue(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

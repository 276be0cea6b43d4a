namespace Sharpgrad.Text;

/// <summary>
/// Counts of the n-grams of one order, keyed by their words, with each context's total and number of distinct
/// followers: what every smoothing rule of GBC §12.4.1 reads. The counts may be raw counts c(h w) or Kneser–Ney
/// continuation counts N₁₊(• h w); the table does not care.
/// </summary>
internal sealed class NGramTable
{
    // Words never contain this control character (the tokenizer splits on it), so joined keys cannot collide.
    private const char Separator = '\u001F';

    private readonly Dictionary<string, long> grams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Total, int Types)> contexts = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    public IEnumerable<KeyValuePair<string, long>> Grams => grams;

    public static string Key(IEnumerable<string> words) => string.Join(Separator, words);

    /// <summary>The gram's words after the first, joined (its lower-order suffix).</summary>
    public static string Suffix(string key) => key.IndexOf(Separator) is var at and >= 0 ? key[(at + 1)..] : "";

    /// <summary>The gram's words before the last, joined (its context).</summary>
    public static string Context(string key) => key.LastIndexOf(Separator) is var at and >= 0 ? key[..at] : "";

    public void Add(string key, long count)
    {
        if (count <= 0) return;
        grams.TryGetValue(key, out long previous);
        grams[key] = previous + count;
        var context = Context(key);
        contexts.TryGetValue(context, out var c);
        contexts[context] = (c.Total + count, c.Types + (previous == 0 ? 1 : 0));
        Total += count;
    }

    public long Count(string key) => grams.GetValueOrDefault(key);

    /// <summary>Σ_w count(h w), and the number of w with count(h w) &gt; 0.</summary>
    public (long Total, int Types) ContextCounts(string context) => contexts.GetValueOrDefault(context);
}

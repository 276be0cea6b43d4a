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

    // Per context, how many followers have count 1, 2 and ≥ 3: what modified Kneser–Ney's discounts take away.
    private readonly Dictionary<string, (int Ones, int Twos, int ThreesOrMore)> followerBuckets = new(StringComparer.Ordinal);

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
        followerBuckets.TryGetValue(context, out var b);
        followerBuckets[context] = Bucketed(Bucketed(b, previous, -1), previous + count, +1);
        Total += count;
    }

    /// <summary>The buckets with one follower of count <paramref name="count"/> added (+1) or removed (−1); 0 has none.</summary>
    private static (int Ones, int Twos, int ThreesOrMore) Bucketed((int Ones, int Twos, int ThreesOrMore) b, long count, int change) => count switch
    {
        0 => b,
        1 => b with { Ones = b.Ones + change },
        2 => b with { Twos = b.Twos + change },
        _ => b with { ThreesOrMore = b.ThreesOrMore + change },
    };

    /// <summary>N₁(h •), N₂(h •), N₃₊(h •): the number of words following h exactly once, exactly twice, three times or more.</summary>
    public (int Ones, int Twos, int ThreesOrMore) FollowerCountsOfCounts(string context) => followerBuckets.GetValueOrDefault(context);

    /// <summary>n₁ … n₄: how many grams of the table have count exactly 1, 2, 3 and 4 (Chen &amp; Goodman's count-of-counts).</summary>
    public long[] CountOfCounts()
    {
        var n = new long[5];
        foreach (var (_, count) in grams)
            if (count <= 4) n[count]++;
        return n[1..];
    }

    public long Count(string key) => grams.GetValueOrDefault(key);

    /// <summary>Σ_w count(h w), and the number of w with count(h w) &gt; 0.</summary>
    public (long Total, int Types) ContextCounts(string context) => contexts.GetValueOrDefault(context);
}

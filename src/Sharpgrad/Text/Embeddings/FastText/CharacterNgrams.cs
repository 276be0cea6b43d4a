using System.Text;

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The character n-grams fastText represents a word by (Bojanowski et al. 2017, §3.2; NYU 6.5): the word is wrapped
/// in the boundary markers &lt; and &gt; (so prefixes and suffixes differ from the same letters inside a word), and every
/// run of minN..maxN characters of the wrapped word is an n-gram, listed by start position, then length, as
/// fastText's <c>computeSubwords</c> lists them. "where" with n = 3 gives &lt;wh, whe, her, ere, re&gt;. The wrapped word
/// itself is an n-gram only when it is short enough ("&lt;her&gt;" for "her" at maxN ≥ 5); the word's own vector is
/// separate. Characters are Unicode code points (fastText counts UTF-8 sequences), so "café" has 4.
/// </summary>
public static class CharacterNgrams
{
    /// <summary>The marker before a word.</summary>
    public const string BeginOfWord = "<";

    /// <summary>The marker after a word.</summary>
    public const string EndOfWord = ">";

    /// <summary>fastText's defaults for skip-gram and CBOW: 3 to 6 characters.</summary>
    public const int DefaultMinN = 3, DefaultMaxN = 6;

    /// <summary>The n-grams of &lt;<paramref name="word"/>&gt; of <paramref name="minN"/> to <paramref name="maxN"/> characters, duplicates kept, in fastText's order.</summary>
    public static List<string> Of(string word, int minN = DefaultMinN, int maxN = DefaultMaxN)
    {
        ArgumentNullException.ThrowIfNull(word);
        Validate(minN, maxN);
        var characters = (BeginOfWord + word + EndOfWord).EnumerateRunes().Select(r => r.ToString()).ToArray();
        var ngrams = new List<string>();
        var builder = new StringBuilder();
        for (int start = 0; start < characters.Length; start++)
        {
            builder.Clear();
            for (int n = 1; n <= maxN && start + n <= characters.Length; n++)
            {
                builder.Append(characters[start + n - 1]);
                // fastText leaves out a lone marker (n = 1 at either end); with minN ≥ 2 that never arises.
                bool loneMarker = n == 1 && (start == 0 || start + n == characters.Length);
                if (n >= minN && !loneMarker) ngrams.Add(builder.ToString());
            }
        }
        return ngrams;
    }

    /// <summary>
    /// fastText's hash of a string: 32-bit FNV-1a over its UTF-8 bytes, h ← (h ⊕ byte)·16777619 from h = 2166136261,
    /// except that fastText widens each byte through a signed char, so a byte of 0x80 or more is XORed as
    /// 0xFFFFFF80…0xFFFFFFFF. ASCII strings hash as standard FNV-1a ("a" gives 0xE40C292C); the quirk must be copied
    /// for non-ASCII n-grams to land in fastText's buckets.
    /// </summary>
    public static uint Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            h ^= (uint)(sbyte)b;
            h *= 16777619;
        }
        return h;
    }

    /// <summary>The bucket of an n-gram among <paramref name="buckets"/>: Hash mod buckets, as fastText.</summary>
    public static int Bucket(string ngram, int buckets) => buckets >= 1 ? (int)(Hash(ngram) % (uint)buckets)
        : throw new ArgumentException($"CharacterNgrams.Bucket: buckets must be at least 1, got {buckets}.", nameof(buckets));

    internal static void Validate(int minN, int maxN)
    {
        if (minN < 1 || maxN < minN)
            throw new ArgumentException($"CharacterNgrams: expected 1 ≤ minN ≤ maxN, got minN = {minN}, maxN = {maxN}.");
    }

    /// <summary>
    /// The in-vocabulary word whose n-gram set overlaps <paramref name="word"/>'s most (Jaccard index |A ∩ B| / |A ∪ B|
    /// of the distinct n-grams), for a "did you mean" suggestion that needs no trained subword vectors; ties go to the
    /// earlier (more frequent) word. Null when no word shares an n-gram.
    /// </summary>
    public static (string Word, double Overlap)? NearestBySpelling(string word, IReadOnlyList<string> vocabulary, int minN = DefaultMinN, int maxN = DefaultMaxN)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var query = Of(word, minN, maxN).ToHashSet(StringComparer.Ordinal);
        (string Word, double Overlap)? best = null;
        foreach (var candidate in vocabulary)
        {
            var grams = Of(candidate, minN, maxN).ToHashSet(StringComparer.Ordinal);
            int shared = grams.Count(query.Contains);
            if (shared == 0) continue;
            double overlap = shared / (double)(query.Count + grams.Count - shared);
            if (best is null || overlap > best.Value.Overlap) best = (candidate, overlap);
        }
        return best;
    }
}

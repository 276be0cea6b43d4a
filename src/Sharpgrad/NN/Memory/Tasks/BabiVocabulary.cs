namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// The words of the generated bAbI stories and the ids <see cref="BabiEncoder"/> gives them: 0 is padding, then every
/// word the generator can write, lower-cased, in ordinal order, so ids do not depend on which examples were drawn.
/// </summary>
public static class BabiVocabulary
{
    public static readonly string[] Actors = ["Daniel", "John", "Mary", "Sandra"];
    public static readonly string[] Locations = ["bathroom", "bedroom", "garden", "hallway", "kitchen", "office"];
    public static readonly string[] Objects = ["apple", "football", "milk"];
    public static readonly string[] Counts = ["none", "one", "two", "three"];

    private static readonly string[] FunctionWords =
    [
        "back", "carrying", "discarded", "down", "dropped", "got", "grabbed", "how", "in", "is", "journeyed", "many", "moved",
        "no", "objects", "picked", "put", "the", "to", "travelled", "up", "went", "where", "yes",
    ];

    /// <summary>The padding token, id 0.</summary>
    public const string Padding = "<pad>";

    /// <summary>All words, index = id.</summary>
    public static IReadOnlyList<string> Words { get; } =
        [Padding, .. Actors.Concat(Locations).Concat(Objects).Concat(Counts).Concat(FunctionWords).Select(w => w.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];

    private static readonly Dictionary<string, long> Ids = Words.Select((w, i) => (w, (long)i)).ToDictionary(p => p.w, p => p.Item2);

    public static int Size => Words.Count;

    /// <summary>The id of a word (any case); an unknown word is an error naming it.</summary>
    public static long Id(string word) => Ids.TryGetValue(word.ToLowerInvariant(), out long id) ? id
        : throw new ArgumentException($"BabiVocabulary: unknown word '{word}'.");

    /// <summary>A sentence or question split into lower-case words, without its final '.' or '?'.</summary>
    public static string[] Tokens(string sentence) =>
        sentence.TrimEnd('.', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToArray();
}

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

    /// <summary>The compass directions of the path-finding task; a grid step in <c>BabiMap</c> uses the same order.</summary>
    public static readonly string[] Directions = ["north", "east", "south", "west"];

    /// <summary>
    /// The path-finding answers, bAbI's "n,e": two steps' initials, comma-joined into one word. A walk on a floor plan
    /// never turns straight back, so the 4 × 3 pairs without a reversal are all the answers there are.
    /// </summary>
    public static readonly string[] PathAnswers =
        [.. from first in Enumerable.Range(0, 4) from second in Enumerable.Range(0, 4) where second != (first + 2) % 4 select PathAnswer(first, second)];

    /// <summary>The answer word for the steps <paramref name="first"/> then <paramref name="second"/> (indices of <see cref="Directions"/>).</summary>
    public static string PathAnswer(int first, int second) => $"{Directions[first][0]},{Directions[second][0]}";

    private static readonly string[] FunctionWords =
    [
        "back", "carrying", "discarded", "do", "down", "dropped", "from", "go", "got", "grabbed", "how", "in", "is", "journeyed",
        "many", "moved", "no", "objects", "of", "picked", "put", "the", "to", "travelled", "up", "went", "where", "yes", "you",
    ];

    /// <summary>The padding token, id 0.</summary>
    public const string Padding = "<pad>";

    /// <summary>All words, index = id.</summary>
    public static IReadOnlyList<string> Words { get; } =
        [Padding, .. Actors.Concat(Locations).Concat(Objects).Concat(Counts).Concat(Directions).Concat(PathAnswers).Concat(FunctionWords).Select(w => w.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];

    private static readonly Dictionary<string, long> Ids = Words.Select((w, i) => (w, (long)i)).ToDictionary(p => p.w, p => p.Item2);

    public static int Size => Words.Count;

    /// <summary>The id of a word (any case); an unknown word is an error naming it.</summary>
    public static long Id(string word) => Ids.TryGetValue(word.ToLowerInvariant(), out long id) ? id
        : throw new ArgumentException($"BabiVocabulary: unknown word '{word}'.");

    /// <summary>A sentence or question split into lower-case words, without its final '.' or '?'.</summary>
    public static string[] Tokens(string sentence) =>
        sentence.TrimEnd('.', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToArray();
}

namespace Sharpgrad.Text;

/// <summary>
/// Splits text into word tokens, the first step of every word-embedding pipeline (Mikolov et al. 2013 train on
/// lower-cased words). A token is a maximal run of word characters: Unicode letters, the combining marks that
/// follow them ("cafe\u0301"), and digits when <see cref="Digits"/> is <see cref="DigitPolicy.Keep"/>. An apostrophe
/// (' or ’, written as ') between two word characters stays inside the word ("don't", "rock'n'roll"); anywhere
/// else it separates, like every other character ("'tis" gives "tis", "dogs'" gives "dogs").
/// </summary>
/// <remarks>
/// Characters are read one UTF-16 unit at a time so the streaming <see cref="CorpusReader"/> gives the same tokens
/// for any buffer size; letters outside the Basic Multilingual Plane (surrogate pairs) therefore separate words.
/// </remarks>
public sealed class Tokenizer(bool lowerCase = true, DigitPolicy digits = DigitPolicy.Keep)
{
    /// <summary>Whether tokens are lower-cased (invariant culture, character by character).</summary>
    public bool LowerCase { get; } = lowerCase;

    /// <summary>Whether digits are kept inside tokens or treated as separators.</summary>
    public DigitPolicy Digits { get; } = digits;

    /// <summary>The tokens of <paramref name="text"/>, in order; line breaks separate like any other non-word character.</summary>
    public List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var scanner = new TokenScanner(this);
        foreach (char c in text) scanner.Feed(c, tokens);
        scanner.Flush(tokens);
        return tokens;
    }

    /// <summary>Whether <paramref name="c"/> starts or continues a word.</summary>
    internal bool IsWordCharacter(char c) => char.IsLetter(c) || (Digits == DigitPolicy.Keep && char.IsDigit(c));

    /// <summary>Combining marks (accents written as separate code points) belong to the word they follow.</summary>
    internal static bool IsCombiningMark(char c) => char.GetUnicodeCategory(c)
        is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    internal static bool IsApostrophe(char c) => c is '\'' or '\u2019';
}

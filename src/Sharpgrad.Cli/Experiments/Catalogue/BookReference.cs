using System.Text.RegularExpressions;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// A place in one of the books, parsed from text such as "GBC Fig. 7.3", "GBC §20.10.4", "Buduma ch4" or
/// "Sutton &amp; Barto Fig. 2.2": the book is everything before the first place marker, the chapter is the first number
/// of the place (the "7" of "Fig. 7.3" and "§7.8", the "4" of "ch4").
/// </summary>
/// <param name="Book">The book's short name, e.g. "GBC", "Buduma", "NYU", "CLS".</param>
/// <param name="Chapter">The chapter number, or null where the reference names none (e.g. a paper).</param>
/// <param name="Text">The reference as written.</param>
public sealed partial record BookReference(string Book, int? Chapter, string Text)
{
    /// <summary>Parses a reference; text with no recognisable place is a book with no chapter.</summary>
    public static BookReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Place().Match(text);
        if (!match.Success) return new BookReference(text.Trim(), null, text);
        string book = text[..match.Index].Trim();
        return new BookReference(book.Length == 0 ? text.Trim() : book, int.Parse(match.Groups["chapter"].Value, System.Globalization.CultureInfo.InvariantCulture), text);
    }

    // "Fig. 7.3", "Figs. 2.2", "Alg. 18.2", "Table 3.1", "Eq. 5.1", "§10.9.2", "ch4", "ch. 4", "chapter 4".
    [GeneratedRegex(@"(?:Figs?\.|Alg\.|Algorithm|Table|Eq\.|§|ch(?:apter)?\.?)\s*(?<chapter>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex Place();
}

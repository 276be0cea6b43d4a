using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Sharpgrad.Text;

/// <summary>
/// Turns GCIDE (the Collaborative International Dictionary of English: Webster's 1913 plus WordNet glosses, about
/// 5.4 M words of English prose) from Debian's <c>dict-gcide</c> into plain sentences for word embeddings. The package
/// installs a dictd service, so fetch the file without installing it:
/// <c>apt-get download dict-gcide &amp;&amp; dpkg-deb -x dict-gcide_*.deb DIR</c> gives
/// <c>DIR/usr/share/dictd/gcide.dict.dz</c>, a dictzip file that any gzip reader reads.
/// </summary>
/// <remarks>
/// The rules, from the file's layout: the database header and licence (everything before the first line that starts a
/// word's entry at column 0 with a "\pronunciation\") are skipped; lines at column 0 are headwords with
/// pronunciations and parts of speech, and are skipped; indented lines are definitions, quotations and synonym lists,
/// and a run of them up to a blank line is one paragraph, which becomes one sentence. In a paragraph, the bracketed
/// source tags ("[1913 Webster]", "[WordNet 1.5 +PJC]": 460 k tokens that say nothing about the words) and a leading
/// sense number ("1.") are removed and "Syn:" loses its label; etymologies and usage notes ("[AS. hund]", "[Obs.]")
/// stay, their brackets and the braces of cross-references ("{Halloween}") separating like any punctuation. That
/// leaves about 4.6 M tokens; with Debian's fortunes appended (<c>sharpgrad embed corpus --fortunes</c>) the benchmark corpus passes 5 M.
/// </remarks>
public static partial class GcideReader
{
    /// <summary>A bracketed source tag: "[1913 Webster]", "[WordNet 1.5 +PJC]", "[Webster 1913 Suppl.]".</summary>
    [GeneratedRegex(@"\[[^\]\[]*(Webster|WordNet|PJC)[^\]\[]*\]")]
    private static partial Regex SourceTags();

    [GeneratedRegex(@"^\s*(\d+\.|Syn:)\s*")]
    private static partial Regex LeadingLabel();

    /// <summary>The paragraphs of the dictionary as plain text, streamed (the .dz/.gz file is decompressed on the fly).</summary>
    public static IEnumerable<string> Paragraphs(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"GcideReader: '{path}' does not exist; get it with 'apt-get download dict-gcide && dpkg-deb -x dict-gcide_*.deb DIR' "
                + "(DIR/usr/share/dictd/gcide.dict.dz).", path);
        return Read(path);
    }

    private static IEnumerable<string> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".dz", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        bool started = false;
        var paragraph = new StringBuilder();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            bool headword = line.Length > 0 && !char.IsWhiteSpace(line[0]);
            if (!started)
            {
                started = headword && line.Contains('\\') && !line.StartsWith("00-database", StringComparison.Ordinal);
                continue;
            }
            if (headword || line.Trim().Length == 0)
            {
                if (Clean(paragraph) is { Length: > 0 } text) yield return text;
                paragraph.Clear();
                continue;
            }
            paragraph.Append(' ').Append(line.Trim());
        }
        if (!started)
            throw new InvalidDataException($"GcideReader: '{path}' has no dictionary entry (a headword line with a '\\' pronunciation mark); is it GCIDE's gcide.dict(.dz)?");
        if (Clean(paragraph) is { Length: > 0 } last) yield return last;
    }

    private static string Clean(StringBuilder paragraph)
    {
        string text = LeadingLabel().Replace(SourceTags().Replace(paragraph.ToString(), " "), "");
        return text.Replace('{', ' ').Replace('}', ' ').Trim();
    }

    /// <summary>
    /// Writes the dictionary as one tokenised sentence a line, tokens separated by single spaces, so any reader
    /// that splits on white space (gensim's LineSentence) sees exactly <paramref name="tokenizer"/>'s tokens.
    /// Returns the sentences and tokens written.
    /// </summary>
    public static (long Sentences, long Tokens) WritePlainText(string path, TextWriter output, Tokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        tokenizer ??= new Tokenizer();
        long sentences = 0, tokens = 0;
        foreach (var paragraph in Paragraphs(path))
        {
            var words = tokenizer.Tokenize(paragraph);
            if (words.Count == 0) continue;
            output.Write(string.Join(' ', words));
            output.Write('\n');
            sentences++;
            tokens += words.Count;
        }
        return (sentences, tokens);
    }
}

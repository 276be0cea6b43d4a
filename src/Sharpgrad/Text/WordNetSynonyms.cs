namespace Sharpgrad.Text;

/// <summary>
/// Synonyms from WordNet 3.0's data files (Debian's <c>wordnet-base</c>, <c>/usr/share/wordnet</c>): two words are
/// synonyms when they share a synset. Only single words count (lemmas with "_" or "-" are left out), lower-cased,
/// with the adjective markers such as "(a)" cut; the same reading as bench/word2vec_gensim.py, so scores from C# and
/// from the Python benchmark mean the same thing.
/// </summary>
public static class WordNetSynonyms
{
    /// <summary>word → its single-word synonyms (never itself), over all four parts of speech.</summary>
    public static Dictionary<string, HashSet<string>> Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var synonyms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in WordNetGlosses.DataFiles)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"WordNetSynonyms: '{path}' does not exist; expected WordNet's data files there (apt-get install wordnet-base gives /usr/share/wordnet).", path);
            int lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (line.StartsWith("  ", StringComparison.Ordinal)) continue; // the licence
                var words = SynsetWords(line, path, lineNumber);
                foreach (var w in words)
                {
                    if (!synonyms.TryGetValue(w, out var set)) synonyms[w] = set = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var other in words)
                        if (other != w) set.Add(other);
                }
            }
        }
        return synonyms;
    }

    /// <summary>
    /// The single words of one synset line: "offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] ...",
    /// w_cnt in hexadecimal (WordNet's wndb(5)).
    /// </summary>
    internal static HashSet<string> SynsetWords(string line, string path = "data", int lineNumber = 0)
    {
        var fields = line.Split(' ');
        if (fields.Length < 4 || !int.TryParse(fields[3], System.Globalization.NumberStyles.HexNumber, null, out int count) || fields.Length < 4 + 2 * count)
            throw new InvalidDataException($"WordNetSynonyms: {path}: line {lineNumber}: expected 'offset lex_filenum ss_type w_cnt word lex_id ...' with a hexadecimal w_cnt, got '{(line.Length > 60 ? line[..60] + "…" : line)}'.");
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string w = fields[4 + 2 * i].ToLowerInvariant();
            int paren = w.IndexOf('(');
            if (paren >= 0) w = w[..paren];
            if (!w.Contains('_') && !w.Contains('-')) words.Add(w);
        }
        return words;
    }
}

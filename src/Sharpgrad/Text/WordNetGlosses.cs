namespace Sharpgrad.Text;

/// <summary>
/// The glosses of WordNet 3.0 from Debian's <c>wordnet-base</c> (<c>/usr/share/wordnet</c>): 1.46 M words of
/// definitions and usage examples. In each <c>data.{noun,verb,adj,adv}</c> file, lines that start with two spaces are
/// the licence; every other line is a synset whose gloss follows " | ". A gloss holds a definition and example
/// sentences separated by semicolons; each piece becomes one sentence. Files are read in that order, lines in file
/// order, so the text is the same on every machine.
/// </summary>
public static class WordNetGlosses
{
    /// <summary>The data files read, in order.</summary>
    public static readonly string[] DataFiles = ["data.noun", "data.verb", "data.adj", "data.adv"];

    /// <summary>The gloss pieces of every synset, streamed.</summary>
    public static IEnumerable<string> Sentences(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var paths = DataFiles.Select(f => Path.Combine(folder, f)).ToList();
        foreach (var path in paths)
            if (!File.Exists(path))
                throw new FileNotFoundException($"WordNetGlosses: '{path}' does not exist; expected WordNet's data files there (apt-get install wordnet-base gives /usr/share/wordnet).", path);
        return Read(paths);
    }

    private static IEnumerable<string> Read(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("  ", StringComparison.Ordinal)) continue;
                int bar = line.IndexOf(" | ", StringComparison.Ordinal);
                if (bar < 0) continue;
                foreach (var piece in line[(bar + 3)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    yield return piece;
            }
        }
    }
}

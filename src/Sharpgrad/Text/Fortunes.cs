using Sharpgrad.Data;

namespace Sharpgrad.Text;

/// <summary>
/// Debian's <c>fortunes</c> package (about 2.5 MB of English quips, quotations and jokes, fortunes separated by lines
/// holding "%"): the corpus the text and language-model experiments read when it is installed
/// (<c>apt-get install fortunes</c>; <c>.ci/run</c> installs it when it can).
/// </summary>
public static class Fortunes
{
    public const string DefaultRoot = "/usr/share/games/fortunes";

    /// <summary>Whether the package's main file is present under <paramref name="root"/>.</summary>
    public static bool IsInstalled(string root = DefaultRoot) => File.Exists(Path.Combine(root, "fortunes"));

    /// <summary>
    /// The text files, in ordinal order: those without an extension (the package also ships <c>.dat</c> indexes and
    /// <c>.u8</c> links). Throws, saying how to install it, when the package is absent.
    /// </summary>
    public static string[] Files(string root = DefaultRoot)
    {
        if (!IsInstalled(root))
            throw MissingData.Mark(new FileNotFoundException($"Fortunes: Debian's fortunes package is not installed in {root} (apt-get install fortunes).",
                Path.Combine(root, "fortunes")), "fortunes");
        return [.. Directory.GetFiles(root).Where(p => Path.GetExtension(p) == "").Order(StringComparer.Ordinal)];
    }
}

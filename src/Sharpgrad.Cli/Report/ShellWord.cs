namespace Sharpgrad.Cli.Report;

/// <summary>Quotes a command-line word for a POSIX shell, so a reproduce command can be pasted as it is.</summary>
public static class ShellWord
{
    /// <summary>The word unchanged when it holds only characters no shell treats specially, else in single quotes.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        bool plain = word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+@%".Contains(c));
        return plain ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}

using System.Text;

namespace Sharpgrad.Text;

/// <summary>
/// The <see cref="Tokenizer"/>'s rules as a character-at-a-time state machine, so a token may be cut anywhere by
/// a read buffer's boundary: the word so far and an apostrophe not yet known to be inside a word are its only state.
/// </summary>
internal sealed class TokenScanner(Tokenizer tokenizer)
{
    private readonly StringBuilder word = new();
    private bool apostrophePending;

    /// <summary>Reads one character; a word it ends is appended to <paramref name="tokens"/>.</summary>
    public void Feed(char c, List<string> tokens)
    {
        if (tokenizer.IsWordCharacter(c) || (word.Length > 0 && !apostrophePending && Tokenizer.IsCombiningMark(c)))
        {
            if (apostrophePending) word.Append('\'');
            apostrophePending = false;
            word.Append(tokenizer.LowerCase ? char.ToLowerInvariant(c) : c);
        }
        else if (Tokenizer.IsApostrophe(c) && word.Length > 0 && !apostrophePending)
            apostrophePending = true; // kept only if a word character follows
        else
            Flush(tokens);
    }

    /// <summary>Ends the current word, if any (at a separator, a line end or the end of the text).</summary>
    public void Flush(List<string> tokens)
    {
        if (word.Length > 0) tokens.Add(word.ToString());
        word.Clear();
        apostrophePending = false;
    }
}

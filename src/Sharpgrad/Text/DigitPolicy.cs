namespace Sharpgrad.Text;

/// <summary>What the <see cref="Tokenizer"/> does with decimal digits (Unicode category Nd).</summary>
public enum DigitPolicy
{
    /// <summary>Digits are word characters: "2024" and "mp3" are tokens.</summary>
    Keep,

    /// <summary>Digits separate words like punctuation does: "2024" vanishes and "mp3" gives "mp".</summary>
    Drop,
}

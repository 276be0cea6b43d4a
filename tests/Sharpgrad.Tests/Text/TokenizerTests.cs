using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>The tokenizer's documented rules on hand-written sentences, each expectation worked out by reading the rule.</summary>
public class TokenizerTests
{
    [Fact]
    public void WordsAreLowerCasedAndPunctuationSeparates()
    {
        Assert.Equal(["hello", "world", "it", "works"], new Tokenizer().Tokenize("Hello, WORLD!\n(It works...)"));
        Assert.Equal(["a", "b", "c"], new Tokenizer().Tokenize("a--b...c"));
        Assert.Equal(["Hello", "World"], new Tokenizer(lowerCase: false).Tokenize("Hello World"));
        Assert.Empty(new Tokenizer().Tokenize(" ,.;!? \r\n\t"));
    }

    [Fact]
    public void ApostrophesStayOnlyBetweenWordCharacters()
    {
        Assert.Equal(["don't", "stop", "rock'n'roll"], new Tokenizer().Tokenize("Don't stop rock'n'roll"));
        Assert.Equal(["tis", "the", "dogs", "bone"], new Tokenizer().Tokenize("'Tis the dogs' bone"));
        Assert.Equal(["it's"], new Tokenizer().Tokenize("it\u2019s")); // the typographic apostrophe is written as '
        Assert.Equal(["don", "t"], new Tokenizer().Tokenize("don''t")); // two in a row are not inside one word
    }

    [Fact]
    public void DigitsAreKeptOrDroppedByThePolicy()
    {
        const string text = "In 2024 the mp3 came 4th.";
        Assert.Equal(["in", "2024", "the", "mp3", "came", "4th"], new Tokenizer().Tokenize(text));
        Assert.Equal(["in", "the", "mp", "came", "th"], new Tokenizer(digits: DigitPolicy.Drop).Tokenize(text));
        Assert.Equal(["rock'n", "roll"], new Tokenizer(digits: DigitPolicy.Drop).Tokenize("rock'n'9roll"));
    }

    [Fact]
    public void UnicodeLettersAndCombiningMarksMakeWords()
    {
        Assert.Equal(["ünïcode", "café", "naïve", "σίσυφος"], new Tokenizer().Tokenize("Ünïcode café, naïve Σίσυφος"));
        // Lower-casing is character by character, so a capital sigma becomes σ even at a word's end (not ς).
        Assert.Equal(["σίσυφοσ"], new Tokenizer().Tokenize("ΣΊΣΥΦΟΣ"));
        Assert.Equal(["cafe\u0301", "x"], new Tokenizer().Tokenize("Cafe\u0301 \u0301x")); // a mark with no word before it separates
    }
}

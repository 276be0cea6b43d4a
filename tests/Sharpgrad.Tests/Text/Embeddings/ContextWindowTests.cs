using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

public class ContextWindowTests
{
    /// <summary>
    /// Buduma ch6: "The boy went to the bank" with a window of 1 gives (boy, the), (boy, went), (went, boy),
    /// (went, to), (to, went), (to, the), (the, to), (the, bank). The book lists the centre words that have a word on
    /// both sides; the first and last words are centres too, with one neighbour each: (the, boy) and (bank, the).
    /// </summary>
    [Fact]
    public void BudumasSkipGramPairsForTheBoyWentToTheBank()
    {
        var sentence = new Tokenizer().Tokenize("The boy went to the bank");
        var pairs = ContextWindow.SkipGramPairs(sentence, window: 1).ToList();
        (string, string)[] book =
            [("boy", "the"), ("boy", "went"), ("went", "boy"), ("went", "to"), ("to", "went"), ("to", "the"), ("the", "to"), ("the", "bank")];
        Assert.Equal([("the", "boy"), .. book, ("bank", "the")], pairs);
    }

    [Fact]
    public void TheWindowIsClippedAtTheSentenceEdges()
    {
        Assert.Equal((0, 2), ContextWindow.Bounds(centre: 0, length: 6, reach: 2));
        Assert.Equal((1, 5), ContextWindow.Bounds(centre: 3, length: 6, reach: 2));
        Assert.Equal((0, 0), ContextWindow.Bounds(centre: 0, length: 1, reach: 5));
        var ex = Assert.Throws<ArgumentException>(() => ContextWindow.SkipGramPairs(new[] { "a" }, 0).ToList());
        Assert.Contains("window must be at least 1, got 0", ex.Message);
    }
}

using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

public class HuffmanTreeTests
{
    /// <summary>
    /// Counts 5, 3, 2, 1 by hand, with word2vec's rule (take the two smallest; the second taken is the 1-branch;
    /// on a tie the merged node goes first): merge 1 and 2 into inner node 0 (count 3; word 2 is its 1-branch); then
    /// inner node 0 (3, taken before the tied word 1) and word 1 into inner node 1 (count 6; word 1 is the 1-branch);
    /// then word 0 (5) and inner node 1 (6) into the root, inner node 2 (inner node 1 is its 1-branch). Codes from the
    /// root: word 0 "0", word 1 "11", word 2 "101", word 3 "100"; Huffman lengths 1, 2, 3, 3.
    /// </summary>
    [Fact]
    public void CodesAndPointsOfASmallVocabularyByHand()
    {
        var tree = new HuffmanTree([5, 3, 2, 1]);
        Assert.Equal(3, tree.InnerNodeCount);
        Assert.Equal([0], tree.Code(0).ToArray());
        Assert.Equal([2], tree.Points(0).ToArray());
        Assert.Equal([1, 1], tree.Code(1).ToArray());
        Assert.Equal([2, 1], tree.Points(1).ToArray());
        Assert.Equal([1, 0, 1], tree.Code(2).ToArray());
        Assert.Equal([2, 1, 0], tree.Points(2).ToArray());
        Assert.Equal([1, 0, 0], tree.Code(3).ToArray());
        Assert.Equal([2, 1, 0], tree.Points(3).ToArray());
    }

    /// <summary>GBC Fig. 12.4: eight words of equal count make a balanced tree of depth 3, each word a distinct 3-bit code.</summary>
    [Fact]
    public void EightEqualWordsMakeGbcsBalancedTree()
    {
        var tree = new HuffmanTree([1, 1, 1, 1, 1, 1, 1, 1]);
        var codes = Enumerable.Range(0, 8).Select(w => tree.Code(w).ToArray()).ToList();
        Assert.All(codes, c => Assert.Equal(3, c.Length));
        Assert.Equal(8, codes.Select(c => string.Concat(c)).Distinct().Count());
        Assert.All(Enumerable.Range(0, 8), w => Assert.Equal(6, tree.Points(w)[0])); // the root is inner node V − 2
    }

    /// <summary>
    /// Each inner node splits its probability into σ(s) and σ(−s) = 1 − σ(s), so the leaves' probabilities sum to 1
    /// for any input and any node vectors (GBC §12.4.3.2): checked on GBC's 8-word tree and a skewed one.
    /// </summary>
    [Theory]
    [InlineData(new long[] { 1, 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(new long[] { 40, 17, 9, 9, 5, 2, 1, 1 })]
    public void HierarchicalSoftmaxProbabilitiesSumToOne(long[] counts)
    {
        var tree = new HuffmanTree(counts);
        var random = new Generator(7);
        const int d = 4;
        float[] h = [.. Enumerable.Range(0, d).Select(_ => (float)random.NextNormal())];
        float[] syn1 = [.. Enumerable.Range(0, tree.InnerNodeCount * d).Select(_ => (float)random.NextNormal())];
        var probabilities = Enumerable.Range(0, counts.Length).Select(w => tree.Probability(w, h, syn1)).ToList();
        Assert.Equal(1.0, probabilities.Sum(), 1e-12);
        Assert.All(probabilities, p => Assert.InRange(p, 1e-9, 1));
    }

    [Fact]
    public void UnsortedOrTooFewCountsAreRejected()
    {
        Assert.Contains("sorted from the largest down, but count 3 at index 2 follows 1",
            Assert.Throws<ArgumentException>(() => new HuffmanTree([5, 1, 3])).Message);
        Assert.Contains("expected at least 2 words, got 1", Assert.Throws<ArgumentException>(() => new HuffmanTree([5])).Message);
    }
}

using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>
/// The two clocks of word2vec's linear learning-rate decay: gensim's sentences and the C tool's words, on a corpus
/// small enough to count by hand.
/// </summary>
public class LearningRateClockTests
{
    // "a" 3 times, "b" 3 times, "zz" once; with minCount 2 the vocabulary is {a, b} and "zz" is dropped.
    private static readonly IReadOnlyList<string>[] Corpus = [["a", "b"], ["zz"], ["a"], ["b", "a", "b"]];

    [Fact]
    public void FromSentencesCountsEverySentenceAndTheSameWordsAsBuild()
    {
        var vocabulary = Vocabulary.FromSentences(Corpus, minCount: 2);
        Assert.Equal(4, vocabulary.SentenceCount);
        Assert.Equal(["a", "b"], vocabulary.Words);
        Assert.Equal([3L, 3L], vocabulary.Counts);
        Assert.Equal(0, Vocabulary.Build(Corpus.SelectMany(s => s), minCount: 2).SentenceCount);
    }

    [Fact]
    public void BlocksKnowTheSentencesBeforeThemIncludingThoseWithoutVocabularyWords()
    {
        var vocabulary = Vocabulary.FromSentences(Corpus, minCount: 2);
        // Blocks of at least 2 words: sentence 0 (a b) alone; then sentence 1 is dropped (no vocabulary word), and
        // sentences 2 and 3 (a; b a b) make the second block, which starts after 2 sentences and 2 words.
        var blocks = BlockReader.Blocks(Corpus, vocabulary, blockWords: 2, new RunPosition()).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal((0L, 0L), (blocks[0].FirstSentence, blocks[0].FirstWord));
        Assert.Equal((2L, 2L), (blocks[1].FirstSentence, blocks[1].FirstWord));
        Assert.Equal([1, 4], blocks[1].SentenceEnds);
    }

    [Theory]
    // Sentence clock: block 1 starts at sentence 2 of 4, halfway: 0.025 − (0.025 − 0.0001)·0.5 = 0.01255.
    [InlineData(LearningRateClock.Sentences, 0.01255)]
    // Word clock: block 1 starts at word 2 of 6: 0.025 − 0.0249/3 = 0.0167.
    [InlineData(LearningRateClock.Words, 0.0167)]
    public void TheSecondBlocksRateFollowsTheChosenClock(LearningRateClock clock, double expected)
    {
        var vocabulary = Vocabulary.FromSentences(Corpus, minCount: 2);
        var options = new Word2VecOptions { Epochs = 1, Alpha = 0.025, MinAlpha = 0.0001, DecayBy = clock, Window = 1 };
        var tables = new Word2VecTables(vocabulary, options, tree: null);
        var second = BlockReader.Blocks(Corpus, vocabulary, blockWords: 2, new RunPosition()).Last();
        var (done, total) = tables.Progress(second);
        Assert.Equal(expected, Word2VecWorker.LearningRate(options, done, total), 1e-7);
    }

    [Fact]
    public void TheSecondEpochStartsWhereTheFirstEnded()
    {
        var vocabulary = Vocabulary.FromSentences(Corpus, minCount: 2);
        var options = new Word2VecOptions { Epochs = 2, Alpha = 0.025, MinAlpha = 0.0001, Window = 1 };
        var tables = new Word2VecTables(vocabulary, options, tree: null);
        var position = new RunPosition();
        var blocks = BlockReader.Blocks(Corpus, vocabulary, 2, position).Concat(BlockReader.Blocks(Corpus, vocabulary, 2, position)).ToList();
        // Epoch 2's first block is block 2, after 4 sentences and 6 words: halfway through 8 sentences, so
        // 0.025 − 0.0249·0.5 = 0.01255 on the (automatic) sentence clock.
        Assert.Equal((2L, 4L, 6L), (blocks[2].Index, blocks[2].FirstSentence, blocks[2].FirstWord));
        var (done, total) = tables.Progress(blocks[2]);
        Assert.Equal((4L, 8L), (done, total));
        Assert.Equal(0.01255, Word2VecWorker.LearningRate(options, done, total), 1e-7);
        Assert.Equal((4L, 12L, 8L), (position.Block, position.Words, position.Sentences));
    }

    [Fact]
    public void AVocabularyOfBareTokensUsesTheWordClockOrRefusesTheSentenceClock()
    {
        var vocabulary = Vocabulary.Build(Corpus.SelectMany(s => s), minCount: 2);
        var tables = new Word2VecTables(vocabulary, new Word2VecOptions { Epochs = 2 }, tree: null);
        var second = BlockReader.Blocks(Corpus, vocabulary, blockWords: 2, new RunPosition()).Last();
        Assert.Equal((2L, 12L), tables.Progress(second)); // Auto: word 2 of 6 words × 2 epochs
        var error = Assert.Throws<ArgumentException>(() =>
            new Word2VecTables(vocabulary, new Word2VecOptions { DecayBy = LearningRateClock.Sentences }, tree: null));
        Assert.Contains("Vocabulary.FromSentences", error.Message);
    }
}

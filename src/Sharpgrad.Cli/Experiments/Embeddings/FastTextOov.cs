using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One misspelled word: its correct form, the rank of that form among the vocabulary by cosine to the misspelling's n-gram vector, and the cosine.</summary>
internal sealed record Misspelling(string Word, string Correct, int Rank, double Similarity);

/// <summary>The misspellings scored, and the cosine of a misspelling to an unrelated vocabulary word for scale.</summary>
internal sealed record FastTextOovResult(IReadOnlyList<Misspelling> Misspellings, double UnrelatedSimilarity, int VocabularySize, double UntrainedTop1 = double.NaN)
{
    /// <summary>The share of misspellings whose correct form is within the <paramref name="k"/> nearest vocabulary words.</summary>
    public double Within(int k) => Misspellings.Count(m => m.Rank <= k) / (double)Misspellings.Count;

    public double MeanSimilarity => Misspellings.Average(m => m.Similarity);
}

/// <summary>
/// fastText's answer to words never seen in training (Bojanowski et al. 2017, §5.3): a misspelling shares most of
/// its character n-grams with the word it misspells, so its vector (the mean of its n-grams' vectors) lands near
/// that word's. word2vec has no vector for it at all. The misspellings are made with the seed from frequent words of
/// five letters or more (letters only: no "don't"), by deleting, doubling or swapping letters past the first, and kept only if unseen.
/// </summary>
internal static class FastTextOov
{
    public static FastTextOovResult Run(bool quick, long seed)
    {
        var corpus = EmbeddingCorpus.Load(quick, seed);
        var vocabulary = EmbeddingSettings.Vocabulary(corpus);
        var model = new FastText(vocabulary, EmbeddingSettings.Word2Vec(quick, seed), EmbeddingSettings.Subwords(quick));
        var sources = vocabulary.Words.Take(quick ? vocabulary.Count : 400).Where(w => w.Length >= 5 && w.All(char.IsLetter)).ToList();
        // The same misspellings, ranked by the untrained model first: how much of the result the n-gram composition
        // alone gives (a misspelling shares most of its rows with its correct form) before training adds anything.
        var untrained = model.Vectors();
        var typos = new Generator(seed);
        var pairs = sources.Select(word => (word, wrong: Misspell(word, typos))).Where(p => !vocabulary.Contains(p.wrong)).ToList();
        double untrainedTop1 = pairs.Count(p => untrained.MostSimilar(model.Vector(p.wrong), 1)[0].Word == p.word) / (double)Math.Max(1, pairs.Count);
        model.Train(corpus.Sentences);
        var vectors = model.Vectors();
        var random = new Generator(seed);
        var scored = new List<Misspelling>();
        var unrelated = new List<double>();
        foreach (var (word, wrong) in pairs)
        {
            var v = model.Vector(wrong);
            var ranking = vectors.MostSimilar(v, vocabulary.Count);
            int rank = 1 + ranking.TakeWhile(p => p.Word != word).Count();
            scored.Add(new Misspelling(wrong, word, rank, ranking[rank - 1].Similarity));
            // For scale: the cosine of the misspelling to a vocabulary word drawn at random (another word than its own).
            string other = vocabulary[(int)random.NextInt64(vocabulary.Count)];
            if (other != word) unrelated.Add(ranking.First(p => p.Word == other).Similarity);
        }
        return new FastTextOovResult(scored, unrelated.DefaultIfEmpty(0).Average(), vocabulary.Count, untrainedTop1);
    }

    /// <summary>One seeded typo past the first letter: delete a letter, double one, or swap two neighbours.</summary>
    internal static string Misspell(string word, Generator random)
    {
        int kind = (int)random.NextInt64(3);
        int at = 1 + (int)random.NextInt64(word.Length - 2); // 1..length−2, so a swap has a right neighbour
        return kind switch
        {
            0 => word.Remove(at, 1),
            1 => word.Insert(at, word[at].ToString()),
            _ => string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2)),
        };
    }
}

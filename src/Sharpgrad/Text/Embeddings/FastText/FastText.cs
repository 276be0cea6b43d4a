namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// fastText's subword skip-gram (Bojanowski, Grave, Joulin &amp; Mikolov 2017; NYU 6.5): a word is represented by
/// its own vector together with the vectors of its character n-grams (<see cref="CharacterNgrams"/>, 3–6 characters
/// with &lt; and &gt; markers, hashed into buckets by fastText's FNV-1a), so words that share spelling share
/// parameters, and a word never seen in training still gets a vector from its n-grams. Training is word2vec's
/// skip-gram (negative sampling and/or the hierarchical softmax, the same schedules, dynamic window and
/// subsampling: <see cref="Word2Vec"/>) with the input vector replaced by the word's rows.
/// </summary>
/// <remarks>
/// The paper scores s(w, c) = Σ_{g ∈ G_w} z_gᵀv_c, a <b>sum</b> over the n-grams and the word; fastText's code
/// (<c>Model::computeHidden</c>) and gensim <b>average</b> them, and every row then takes the whole gradient step.
/// We follow the code: the average keeps the input's scale, and so the step size, independent of the word's length,
/// and it makes vectors interchangeable with fastText's. The input pair is word2vec's (the context word's rows
/// predict the centre word; fastText uses the centre's rows to predict the context, the same pairs the other way
/// round), and σ comes from word2vec's table (fastText computes it exactly).
/// </remarks>
public sealed class FastText
{
    private readonly Word2Vec model;
    private readonly SubwordTable table;

    /// <summary>A model over <paramref name="vocabulary"/> with word2vec's <paramref name="options"/> (skip-gram only) and fastText's subword settings.</summary>
    public FastText(Vocabulary vocabulary, Word2VecOptions? options = null, SubwordOptions? subwords = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        options ??= new Word2VecOptions();
        if (options.Architecture != Word2VecArchitecture.SkipGram)
            throw new ArgumentException($"FastText: only the subword skip-gram is implemented (Bojanowski et al. 2017); got Architecture = {options.Architecture}.", nameof(options));
        Subwords = subwords ?? new SubwordOptions();
        Subwords.Validate();
        table = new SubwordTable(vocabulary, Subwords);
        model = new Word2Vec(vocabulary, options, table);
    }

    /// <summary>word2vec's hyper-parameters, validated.</summary>
    public Word2VecOptions Options => model.Options;

    /// <summary>The n-gram lengths and the number of buckets.</summary>
    public SubwordOptions Subwords { get; }

    /// <summary>The words seen in training, most frequent first.</summary>
    public Vocabulary Vocabulary => model.Vocabulary;

    /// <summary>The input matrix: V word rows, then the n-gram buckets, d floats a row.</summary>
    public ReadOnlySpan<float> InputVectors => model.Syn0;

    /// <summary>Trains as <see cref="Word2Vec.Train"/> does, updating the words' rows and their n-grams' buckets.</summary>
    public Word2VecProgress Train(IEnumerable<IReadOnlyList<string>> sentences, Action<Word2VecProgress>? progress = null) =>
        model.Train(sentences, progress);

    /// <summary>
    /// The vector of any word: the mean of its own row and its n-grams' rows when it is in the vocabulary, of its
    /// n-grams' alone when it is not (fastText's <c>getWordVector</c>); zero when it has neither.
    /// </summary>
    public float[] Vector(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        int index = Vocabulary.IndexOf(word);
        return Mean(index >= 0 ? table.Rows(index) : table.NgramRows(word));
    }

    private float[] Mean(int[] rows)
    {
        int d = Options.VectorSize;
        var sum = new float[d];
        var input = model.Syn0;
        foreach (int row in rows) Blas1.Axpy(1f, input.Slice(row * d, d), sum);
        if (rows.Length > 0)
            for (int k = 0; k < d; k++) sum[k] /= rows.Length;
        return sum;
    }

    /// <summary>The vocabulary words with their composed vectors (<see cref="Vector"/>), to save in word2vec's formats or query.</summary>
    public KeyedVectors Vectors()
    {
        int d = Options.VectorSize;
        var all = new float[Vocabulary.Count * d];
        for (int i = 0; i < Vocabulary.Count; i++) Mean(table.Rows(i)).CopyTo(all, i * d);
        return new KeyedVectors([.. Vocabulary.Words], all, d);
    }

    /// <summary>
    /// The <paramref name="topN"/> vocabulary words nearest <paramref name="word"/> by cosine: for an unknown word, its
    /// vector from n-grams, which makes the first answer a "did you mean" suggestion. The word itself is left out.
    /// </summary>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(string word, int topN = 10, KeyedVectors? vectors = null)
    {
        vectors ??= Vectors();
        int index = Vocabulary.IndexOf(word);
        return vectors.MostSimilar(Vector(word), topN, index >= 0 ? [index] : null);
    }
}

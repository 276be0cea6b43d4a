namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// doc2vec, the paragraph vectors of Le &amp; Mikolov (2014) (NYU ch6): every document (tag) gets a vector D_tag
/// trained alongside word2vec's, so that it predicts the document's words, and a document never seen in training
/// gets one by <see cref="InferVector"/>. Two models (<see cref="Doc2VecMode"/>):
/// <list type="bullet">
/// <item>PV-DM: h = mean(D_tag, the vectors of the words around position t) predicts word t (CBOW with the paragraph
/// as a context word that never leaves the window, the "memory" of what the context misses);</item>
/// <item>PV-DBOW: D_tag alone predicts each word of the document (skip-gram with the paragraph as the input).</item>
/// </list>
/// </summary>
/// <remarks>
/// Built on word2vec's machinery, not a copy of it: the <see cref="Vocabulary"/> and its unigram^0.75 noise, the
/// subsampling table, the Huffman tree (<see cref="Word2VecTables"/>), the weight matrices (<see cref="Word2VecWeights"/>,
/// the paragraph vectors stored as extra input rows V..V+T−1 after the V word rows, as fastText stores its n-gram
/// buckets) and the negative-sampling / hierarchical-softmax step of <see cref="Word2VecWorker"/>. The paper averages or
/// concatenates in PV-DM; this is the average (gensim's dm_mean=1, its usual setting). Training runs on one thread,
/// documents in the given order each epoch, each with its own random stream keyed by (epoch, document), so a seed
/// fixes every bit. PV-DBOW leaves the word vectors at their random start, as gensim's dbow_words=0 does.
/// </remarks>
public sealed class Doc2Vec
{
    private readonly Word2VecOptions word2vec;
    private readonly Word2VecWeights weights;
    private readonly Word2VecTables tables;
    private readonly Dictionary<string, int> tagIndex;
    private readonly string[] tags;

    /// <summary>A model over <paramref name="vocabulary"/> with one paragraph vector per distinct tag in <paramref name="tags"/>.</summary>
    public Doc2Vec(Vocabulary vocabulary, IEnumerable<string> tags, Doc2VecOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(tags);
        Options = options ?? new Doc2VecOptions();
        Options.Validate();
        if (vocabulary.Count < 2)
            throw new ArgumentException($"Doc2Vec: the vocabulary has {vocabulary.Count} word(s); expected at least 2 (a larger corpus or a smaller minCount).", nameof(vocabulary));
        Vocabulary = vocabulary;
        this.tags = [.. tags.Distinct()];
        if (this.tags.Length == 0) throw new ArgumentException("Doc2Vec: expected at least one document tag, got none.", nameof(tags));
        tagIndex = this.tags.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        word2vec = Options.ForWord2Vec();
        var tree = Options.HierarchicalSoftmax ? new HuffmanTree(vocabulary.Counts) : null;
        weights = new Word2VecWeights(vocabulary.Count + this.tags.Length, vocabulary.Count, Options.VectorSize, Options.Negative > 0, Options.HierarchicalSoftmax);
        tables = new Word2VecTables(vocabulary, word2vec, tree);
        var random = new Generator(Options.Seed);
        // gensim 4's start for words and documents alike: uniform in [−1/d, 1/d).
        for (int i = 0; i < weights.Syn0.Length; i++) weights.Syn0[i] = (float)((2 * random.NextDouble() - 1) / Options.VectorSize);
    }

    /// <summary>Counts a vocabulary from <paramref name="documents"/> (words seen at least <paramref name="minCount"/> times) and makes a model with their tags.</summary>
    public static Doc2Vec Create(IReadOnlyList<TaggedDocument> documents, Doc2VecOptions? options = null, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0) throw new ArgumentException("Doc2Vec.Create: expected at least one document, got none.", nameof(documents));
        return new Doc2Vec(Vocabulary.Build(documents.SelectMany(d => d.Words), minCount), documents.Select(d => d.Tag), options);
    }

    /// <summary>The hyper-parameters, validated.</summary>
    public Doc2VecOptions Options { get; }

    /// <summary>The words, most frequent first.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The document tags, in order of first appearance.</summary>
    public IReadOnlyList<string> Tags => tags;

    /// <summary>
    /// <see cref="Doc2VecOptions.Epochs"/> passes over <paramref name="documents"/>, the learning rate linear from
    /// alpha to min_alpha over all of them. Returns the mean loss (−log-likelihood) per prediction of each epoch.
    /// </summary>
    public IReadOnlyList<double> Train(IReadOnlyList<TaggedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0) throw new ArgumentException("Doc2Vec.Train: expected at least one document, got none.", nameof(documents));
        var encoded = new int[documents.Count][];
        var rows = new int[documents.Count];
        for (int n = 0; n < documents.Count; n++)
        {
            rows[n] = Vocabulary.Count + TagIndex(documents[n].Tag, "Doc2Vec.Train");
            encoded[n] = Encode(documents[n].Words, $"Doc2Vec.Train: document {n} (tag '{documents[n].Tag}')");
        }
        long total = encoded.Sum(e => (long)e.Length) * Options.Epochs, done = 0;
        var worker = new Word2VecWorker(word2vec, tables);
        var shared = new SharedRows(weights);
        var losses = new List<double>(Options.Epochs);
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            double loss = 0;
            long predictions = 0;
            for (int n = 0; n < encoded.Length; n++)
            {
                var random = new Generator(Word2VecWorker.BlockSeed(Options.Seed, (long)epoch * encoded.Length + n));
                float alpha = Word2VecWorker.LearningRate(word2vec, done, total);
                worker.TrainDocument(encoded[n], rows[n], DistributedMemory, alpha, random, shared);
                done += encoded[n].Length;
                var (l, p) = worker.TakeLoss();
                loss += l;
                predictions += p;
            }
            losses.Add(predictions == 0 ? 0 : loss / predictions);
        }
        return losses;
    }

    private bool DistributedMemory => Options.Mode == Doc2VecMode.DistributedMemory;

    /// <summary>
    /// The paragraph vector of a document not seen in training (Le &amp; Mikolov 2014, §2.2): a fresh vector, seeded by
    /// the model's seed and the document's words (so the same document always gets the same vector), trained by the
    /// same step as in training for <paramref name="epochs"/> passes (default <see cref="Doc2VecOptions.Epochs"/>),
    /// the rate linear from alpha to min_alpha, with every word, output and inner-node vector frozen.
    /// Words outside the vocabulary are skipped; a document with none in it has nothing to train on and is an error.
    /// </summary>
    public float[] InferVector(IReadOnlyList<string> words, int? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        int passes = epochs ?? Options.Epochs;
        if (passes < 1) throw new ArgumentException($"Doc2Vec.InferVector: epochs must be at least 1, got {passes}.", nameof(epochs));
        var encoded = Encode(words, "Doc2Vec.InferVector: the document");
        ulong hash = 14695981039346656037UL; // FNV-1a over the word indices: a seed that depends on the document alone
        foreach (int word in encoded) hash = (hash ^ (uint)word) * 1099511628211UL;
        var random = new Generator(Word2VecWorker.BlockSeed(Options.Seed, (long)(hash >> 1)));
        var vector = new float[Options.VectorSize];
        for (int k = 0; k < vector.Length; k++) vector[k] = (float)((2 * random.NextDouble() - 1) / Options.VectorSize);
        var frozen = new FrozenRows(weights, Vocabulary.Count + tags.Length, vector);
        var worker = new Word2VecWorker(word2vec, tables);
        for (int epoch = 0; epoch < passes; epoch++)
        {
            // Linear from alpha in the first pass to min_alpha in the last, as gensim's infer_vector steps it per epoch.
            float alpha = (float)(word2vec.Alpha - (word2vec.Alpha - word2vec.MinAlpha) * epoch / Math.Max(passes - 1, 1));
            worker.TrainDocument(encoded, frozen.DocumentRow, DistributedMemory, alpha, random, frozen.Rows);
        }
        return vector;
    }

    /// <summary>The trained paragraph vector of <paramref name="tag"/> (a copy).</summary>
    public float[] DocumentVector(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        int d = Options.VectorSize;
        return weights.Syn0.AsSpan((Vocabulary.Count + TagIndex(tag, "Doc2Vec.DocumentVector")) * d, d).ToArray();
    }

    /// <summary>The paragraph vectors with their tags, for <see cref="KeyedVectors.MostSimilar(ReadOnlySpan{float}, int, IReadOnlyCollection{int}?)"/> and saving.</summary>
    public KeyedVectors DocumentVectors()
    {
        int d = Options.VectorSize;
        return new KeyedVectors([.. tags], weights.Syn0.AsSpan(Vocabulary.Count * d, tags.Length * d).ToArray(), d);
    }

    /// <summary>The word vectors with their words (PV-DM trains them; PV-DBOW leaves them random).</summary>
    public KeyedVectors WordVectors()
    {
        int d = Options.VectorSize;
        return new KeyedVectors([.. Vocabulary.Words], weights.Syn0.AsSpan(0, Vocabulary.Count * d).ToArray(), d);
    }

    private int TagIndex(string tag, string caller) => tagIndex.TryGetValue(tag, out int i) ? i
        : throw new KeyNotFoundException($"{caller}: unknown document tag '{tag}'; the model has {tags.Length} tag(s), e.g. "
            + string.Join(", ", tags.Take(5).Select(t => $"'{t}'")) + ". Tags are fixed when the model is made; infer a new document with InferVector.");

    private int[] Encode(IReadOnlyList<string> words, string what)
    {
        var encoded = Vocabulary.Encode(words);
        if (encoded.Length == 0)
            throw new ArgumentException(words.Count == 0
                ? $"{what} is empty; expected at least one word."
                : $"{what} has {words.Count} word(s), none of them in the vocabulary of {Vocabulary.Count} words (e.g. '{words[0]}'); there is nothing to train its vector on.");
        return encoded;
    }
}

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Words and their vectors, with gensim's <c>KeyedVectors</c> queries: cosine <see cref="Similarity"/>,
/// <see cref="MostSimilar(string, int)"/> neighbours and <see cref="Analogy"/> (3CosAdd, 3CosMul), and the word2vec
/// text and binary formats (<see cref="Word2VecFormat"/>). Queries use unit-length copies of the vectors, made once.
/// </summary>
public sealed class KeyedVectors
{
    private readonly string[] words;
    private readonly float[] vectors;
    private readonly Dictionary<string, int> indexOf;
    private float[]? unit;

    /// <summary>Wraps <paramref name="vectors"/>, <c>words.Length</c> rows of <paramref name="vectorSize"/> floats (not copied).</summary>
    public KeyedVectors(string[] words, float[] vectors, int vectorSize)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectorSize < 1) throw new ArgumentException($"KeyedVectors: vectorSize must be at least 1, got {vectorSize}.", nameof(vectorSize));
        if (vectors.Length != (long)words.Length * vectorSize)
            throw new ArgumentException($"KeyedVectors: expected {words.Length} words × {vectorSize} = {(long)words.Length * vectorSize} floats, got {vectors.Length}.", nameof(vectors));
        indexOf = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
            if (!indexOf.TryAdd(words[i], i))
                throw new ArgumentException($"KeyedVectors: the word '{words[i]}' appears twice (indices {indexOf[words[i]]} and {i}).", nameof(words));
        this.words = words;
        this.vectors = vectors;
        VectorSize = vectorSize;
    }

    /// <summary>The number of words.</summary>
    public int Count => words.Length;

    /// <summary>The dimension of every vector.</summary>
    public int VectorSize { get; }

    /// <summary>The words, by index.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => indexOf.ContainsKey(word);

    /// <summary>The index of <paramref name="word"/>; an unknown word is an error that names it.</summary>
    public int IndexOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return indexOf.TryGetValue(word, out int i) ? i
            : throw new KeyNotFoundException($"KeyedVectors: the word '{word}' is not in the vocabulary of {Count} words.");
    }

    /// <summary>The vector of <paramref name="word"/>, as stored (not normalised).</summary>
    public ReadOnlySpan<float> this[string word] => vectors.AsSpan(IndexOf(word) * VectorSize, VectorSize);

    /// <summary>The vectors as a [V, d] float32 tensor (a copy), row i the vector of <c>Words[i]</c>.</summary>
    public Tensor ToTensor() => Tensor.FromArray((float[])vectors.Clone(), Count, VectorSize);

    /// <summary>cos(a, b) = a·b / (‖a‖‖b‖) of two words' vectors (0 when either vector is zero).</summary>
    public double Similarity(string a, string b)
    {
        int i = IndexOf(a), j = IndexOf(b);
        var u = Unit();
        return Dot(u.AsSpan(i * VectorSize, VectorSize), u.AsSpan(j * VectorSize, VectorSize));
    }

    /// <summary>The <paramref name="topN"/> words nearest <paramref name="word"/> by cosine, the word itself left out.</summary>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(string word, int topN = 10)
    {
        int i = IndexOf(word);
        return MostSimilar(vectors.AsSpan(i * VectorSize, VectorSize), topN, [i]);
    }

    /// <summary>The <paramref name="topN"/> words nearest <paramref name="vector"/> by cosine, leaving out the indices in <paramref name="exclude"/>.</summary>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(ReadOnlySpan<float> vector, int topN = 10, IReadOnlyCollection<int>? exclude = null)
    {
        if (vector.Length != VectorSize)
            throw new ArgumentException($"KeyedVectors.MostSimilar: the query vector has {vector.Length} elements, expected {VectorSize}.", nameof(vector));
        var query = new double[VectorSize];
        double norm = 0;
        for (int k = 0; k < VectorSize; k++) norm += (double)vector[k] * vector[k];
        norm = Math.Sqrt(norm);
        for (int k = 0; k < VectorSize; k++) query[k] = norm > 0 ? vector[k] / norm : 0;
        var cosines = Cosines(query);
        return Top(i => cosines[i], topN, exclude);
    }

    /// <summary>
    /// "a is to b as c is to ?": the <paramref name="topN"/> best x by <paramref name="method"/>, the three query
    /// words left out (as gensim and Levy &amp; Goldberg do). Mikolov et al.'s "man : king :: woman : queen" is
    /// <c>Analogy("man", "king", "woman")</c>.
    /// </summary>
    public IReadOnlyList<(string Word, double Score)> Analogy(string a, string b, string c, AnalogyMethod method = AnalogyMethod.CosAdd, int topN = 1)
    {
        int ia = IndexOf(a), ib = IndexOf(b), ic = IndexOf(c);
        var u = Unit();
        double[] Row(int i) => [.. u.AsSpan(i * VectorSize, VectorSize).ToArray().Select(x => (double)x)];
        double[] cosA = Cosines(Row(ia)), cosB = Cosines(Row(ib)), cosC = Cosines(Row(ic));
        const double epsilon = 0.001;
        Func<int, double> score = method switch
        {
            AnalogyMethod.CosAdd => i => cosB[i] - cosA[i] + cosC[i],
            AnalogyMethod.CosMul => i => (1 + cosB[i]) / 2 * ((1 + cosC[i]) / 2) / ((1 + cosA[i]) / 2 + epsilon),
            _ => throw new ArgumentException($"KeyedVectors.Analogy: unknown method {method}.", nameof(method)),
        };
        return Top(score, topN, [ia, ib, ic]);
    }

    private List<(string, double)> Top(Func<int, double> score, int topN, IReadOnlyCollection<int>? exclude)
    {
        if (topN < 1) throw new ArgumentException($"KeyedVectors: topN must be at least 1, got {topN}.", nameof(topN));
        var skip = exclude is null ? [] : new HashSet<int>(exclude);
        // Ties keep the lower index first (a stable order), so results do not depend on the sort's whims.
        return [.. Enumerable.Range(0, Count).Where(i => !skip.Contains(i)).Select(i => (Index: i, Score: score(i)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Index).Take(topN).Select(p => (words[p.Index], p.Score))];
    }

    /// <summary>cos(query, word i) for every word, the query already of unit length.</summary>
    private double[] Cosines(double[] query)
    {
        var u = Unit();
        var result = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            double s = 0;
            for (int k = 0, row = i * VectorSize; k < VectorSize; k++) s += u[row + k] * query[k];
            result[i] = s;
        }
        return result;
    }

    private static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double s = 0;
        for (int k = 0; k < x.Length; k++) s += (double)x[k] * y[k];
        return s;
    }

    /// <summary>The vectors scaled to unit length (a zero vector stays zero), computed once.</summary>
    private float[] Unit()
    {
        if (unit is not null) return unit;
        var result = new float[vectors.Length];
        for (int i = 0; i < Count; i++)
        {
            var row = vectors.AsSpan(i * VectorSize, VectorSize);
            double norm = Math.Sqrt(Dot(row, row));
            for (int k = 0; k < VectorSize; k++) result[i * VectorSize + k] = norm > 0 ? (float)(row[k] / norm) : 0;
        }
        return unit = result;
    }
}

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The word–word co-occurrence counts X that GloVe fits (Pennington et al. 2014, §3; NYU 6.3.1), counted as the
/// GloVe tool's <c>cooccur.c</c> does: within a sentence (a line; contexts never cross it), after dropping words
/// outside the vocabulary, every pair of words k positions apart (1 ≤ k ≤ window) adds 1/k to X[left, right] and,
/// symmetric, 1/k to X[right, left] as well. So nearer words count more, and a word paired with itself (two
/// occurrences of one word in the window) adds 2/k to its diagonal entry.
/// </summary>
/// <remarks>Stored sparse: only the non-zero entries, sorted by row then column, so a corpus always gives the same list.</remarks>
public sealed class CooccurrenceMatrix
{
    private readonly Entry[] entries;

    /// <summary>One non-zero entry X[Row, Column] = Value.</summary>
    public readonly record struct Entry(int Row, int Column, double Value);

    private CooccurrenceMatrix(int size, Entry[] entries)
    {
        Size = size;
        this.entries = entries;
    }

    /// <summary>
    /// Counts <paramref name="sentences"/> (read once) over <paramref name="vocabulary"/>: pairs at most
    /// <paramref name="window"/> words apart, weighted 1/distance, both orders when <paramref name="symmetric"/>
    /// (GloVe's default), only (left word, right word) otherwise.
    /// </summary>
    public static CooccurrenceMatrix Count(IEnumerable<IReadOnlyList<string>> sentences, Vocabulary vocabulary, int window, bool symmetric = true)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (window < 1) throw new ArgumentException($"CooccurrenceMatrix.Count: window must be at least 1, got {window}.", nameof(window));
        long size = vocabulary.Count;
        var counts = new Dictionary<long, double>();
        void Add(int row, int column, double weight)
        {
            long key = row * size + column;
            counts[key] = counts.GetValueOrDefault(key) + weight;
        }
        var words = new List<int>();
        foreach (var sentence in sentences)
        {
            words.Clear();
            foreach (var token in sentence)
            {
                int index = vocabulary.IndexOf(token);
                if (index >= 0) words.Add(index);
            }
            for (int right = 1; right < words.Count; right++)
            {
                for (int left = Math.Max(0, right - window); left < right; left++)
                {
                    double weight = 1.0 / (right - left);
                    Add(words[left], words[right], weight);
                    if (symmetric) Add(words[right], words[left], weight);
                }
            }
        }
        var sorted = counts.OrderBy(p => p.Key).Select(p => new Entry((int)(p.Key / size), (int)(p.Key % size), p.Value)).ToArray();
        return new CooccurrenceMatrix(vocabulary.Count, sorted);
    }

    /// <summary>Builds a matrix from explicit entries (for tests and for counts made elsewhere); duplicates are summed.</summary>
    public static CooccurrenceMatrix FromEntries(int size, IEnumerable<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (size < 1) throw new ArgumentException($"CooccurrenceMatrix.FromEntries: size must be at least 1, got {size}.", nameof(size));
        var summed = new SortedDictionary<(int, int), double>();
        foreach (var e in entries)
        {
            if ((uint)e.Row >= (uint)size || (uint)e.Column >= (uint)size)
                throw new ArgumentException($"CooccurrenceMatrix.FromEntries: entry ({e.Row}, {e.Column}) lies outside a {size} × {size} matrix.", nameof(entries));
            if (!double.IsFinite(e.Value) || e.Value <= 0)
                throw new ArgumentException($"CooccurrenceMatrix.FromEntries: entry ({e.Row}, {e.Column}) is {e.Value}; expected a positive finite count.", nameof(entries));
            summed[(e.Row, e.Column)] = summed.GetValueOrDefault((e.Row, e.Column)) + e.Value;
        }
        return new CooccurrenceMatrix(size, [.. summed.Select(p => new Entry(p.Key.Item1, p.Key.Item2, p.Value))]);
    }

    /// <summary>V: the matrix is V × V, one row and column per vocabulary word.</summary>
    public int Size { get; }

    /// <summary>The non-zero entries, sorted by row, then column.</summary>
    public IReadOnlyList<Entry> Entries => entries;

    /// <summary>X[row, column], 0 when the pair never occurred.</summary>
    public double this[int row, int column]
    {
        get
        {
            int i = Array.BinarySearch(entries, new Entry(row, column, 0), EntryOrder.Instance);
            return i >= 0 ? entries[i].Value : 0;
        }
    }

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry x, Entry y) => x.Row != y.Row ? x.Row.CompareTo(y.Row) : x.Column.CompareTo(y.Column);
    }
}

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The binary tree of the hierarchical softmax (Morin &amp; Bengio 2005; GBC §12.4.3.2, Fig. 12.4), built as a Huffman
/// code over the word counts so frequent words sit near the root and a word costs about log₂ of its inverse
/// frequency in node evaluations (Mikolov et al. 2013b). A V-word vocabulary has V − 1 inner nodes, each with an
/// output vector (the rows of syn1); inner node V − 2 is the root.
/// </summary>
/// <remarks>
/// Built by word2vec's <c>CreateBinaryTree</c>: with the counts sorted from the most frequent down, the two
/// smallest of the unmerged leaves (read from the end of the count list) and the merged nodes (made in increasing
/// order of count) are found with two pointers, in linear time. On a tie the merged node is taken before the leaf,
/// and the second node taken is the 1-branch, as in word2vec, so the codes are word2vec's codes. (gensim builds the
/// same kind of tree with a heap, which breaks ties differently; code lengths are optimal either way.)
/// </remarks>
public sealed class HuffmanTree
{
    private readonly byte[][] codes;
    private readonly int[][] points;

    /// <summary>Builds the tree over <paramref name="counts"/>, which must be sorted from the largest down (a <see cref="Vocabulary"/>'s are).</summary>
    public HuffmanTree(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int v = counts.Count;
        if (v < 2) throw new ArgumentException($"HuffmanTree: expected at least 2 words, got {v}; a tree of one leaf has no inner node to train.", nameof(counts));
        for (int i = 1; i < v; i++)
            if (counts[i] > counts[i - 1])
                throw new ArgumentException($"HuffmanTree: counts must be sorted from the largest down, but count {counts[i]} at index {i} follows {counts[i - 1]}.", nameof(counts));

        // Nodes 0..V−1 are the leaves, V..2V−2 the inner nodes in the order they are made; the last is the root.
        var count = new long[2 * v - 1];
        var parent = new int[2 * v - 1];
        var branch = new byte[2 * v - 1];
        for (int i = 0; i < v; i++) count[i] = counts[i];
        for (int i = v; i < count.Length; i++) count[i] = long.MaxValue;
        int leaf = v - 1, inner = v;
        int Smallest() => leaf >= 0 && count[leaf] < count[inner] ? leaf-- : inner++;
        for (int a = 0; a < v - 1; a++)
        {
            int first = Smallest(), second = Smallest();
            count[v + a] = count[first] + count[second];
            parent[first] = v + a;
            parent[second] = v + a;
            branch[second] = 1;
        }

        codes = new byte[v][];
        points = new int[v][];
        int root = 2 * v - 2;
        var path = new List<int>();
        for (int word = 0; word < v; word++)
        {
            path.Clear();
            for (int node = word; node != root; node = parent[node]) path.Add(node);
            path.Reverse(); // from the root's child down to the leaf
            codes[word] = [.. path.Select(node => branch[node])];
            // The inner node above each step, from the root down, numbered 0..V−2 (node − V).
            points[word] = [.. path.Select(node => parent[node] - v)];
        }
    }

    /// <summary>The number of leaves (words).</summary>
    public int WordCount => codes.Length;

    /// <summary>The number of inner nodes, V − 1: the rows of the output matrix syn1.</summary>
    public int InnerNodeCount => codes.Length - 1;

    /// <summary>The branches from the root to <paramref name="word"/>: 0 goes the way of σ(u·v), 1 the way of σ(−u·v).</summary>
    public ReadOnlySpan<byte> Code(int word) => codes[CheckWord(word)];

    /// <summary>The inner nodes (0..V−2, the root is V−2) whose output vectors decide each branch of <see cref="Code"/>.</summary>
    public ReadOnlySpan<int> Points(int word) => points[CheckWord(word)];

    private int CheckWord(int word) => (uint)word < (uint)codes.Length ? word
        : throw new ArgumentException($"HuffmanTree: word {word} is out of range for a tree of {codes.Length} words.", nameof(word));

    /// <summary>
    /// P(word | h) = Π over the path of σ((1 − 2·code)·u_node·h): the probability the hierarchical softmax gives
    /// <paramref name="word"/> for input vector <paramref name="h"/>, with inner-node vectors as rows of
    /// <paramref name="syn1"/>. Exact σ in double, for checks and queries, not the training table.
    /// </summary>
    public double Probability(int word, ReadOnlySpan<float> h, ReadOnlySpan<float> syn1)
    {
        int d = h.Length;
        if (syn1.Length != InnerNodeCount * d)
            throw new ArgumentException($"HuffmanTree.Probability: syn1 has {syn1.Length} elements, expected {InnerNodeCount} inner nodes × {d} = {InnerNodeCount * d}.", nameof(syn1));
        double p = 1;
        var code = Code(word);
        var point = Points(word);
        for (int i = 0; i < code.Length; i++)
        {
            double s = 0;
            var u = syn1.Slice(point[i] * d, d);
            for (int k = 0; k < d; k++) s += (double)u[k] * h[k];
            p *= 1 / (1 + Math.Exp(code[i] == 0 ? -s : s));
        }
        return p;
    }
}

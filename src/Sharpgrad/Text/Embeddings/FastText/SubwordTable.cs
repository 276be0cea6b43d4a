namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Which input rows stand for a word in fastText: rows 0..V−1 are the vocabulary words' own vectors, rows V..V+B−1
/// the n-gram buckets (an n-gram g lives in row V + hash(g) mod B, fastText's layout). A vocabulary word has its own
/// row and its n-grams' (duplicates kept, as fastText keeps them); a word outside the vocabulary has only its n-grams'.
/// </summary>
internal sealed class SubwordTable
{
    private readonly int[][] rows;

    public SubwordTable(Vocabulary vocabulary, SubwordOptions options)
    {
        Options = options;
        Words = vocabulary.Count;
        InputRows = checked(vocabulary.Count + options.Buckets);
        rows = [.. Enumerable.Range(0, vocabulary.Count).Select(i => (int[])[i, .. NgramRows(vocabulary[i])])];
    }

    public SubwordOptions Options { get; }

    /// <summary>V, the vocabulary words.</summary>
    public int Words { get; }

    /// <summary>V + B, the rows of the input matrix.</summary>
    public int InputRows { get; }

    /// <summary>The input rows of vocabulary word <paramref name="word"/>: its own first, then its n-grams'.</summary>
    public int[] Rows(int word) => rows[word];

    /// <summary>The bucket rows of <paramref name="word"/>'s n-grams, in <see cref="CharacterNgrams.Of"/>'s order.</summary>
    public int[] NgramRows(string word) =>
        [.. CharacterNgrams.Of(word, Options.MinN, Options.MaxN).Select(g => Words + CharacterNgrams.Bucket(g, Options.Buckets))];
}

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The context of a centre word: the words within <c>reach</c> positions of it in its sentence (Mikolov et al.
/// 2013a; Buduma ch6). The trainer draws the reach uniformly from 1..window for each centre word (word2vec's
/// "dynamic window"), which weights a context word at distance k by (window − k + 1)/window on average.
/// </summary>
public static class ContextWindow
{
    /// <summary>The first and last positions (inclusive, the centre among them) within <paramref name="reach"/> of <paramref name="centre"/> in a sentence of <paramref name="length"/> words.</summary>
    public static (int From, int To) Bounds(int centre, int length, int reach) =>
        (Math.Max(0, centre - reach), Math.Min(length - 1, centre + reach));

    /// <summary>
    /// The (centre, context) pairs skip-gram trains on with a fixed window of <paramref name="window"/>, centre words
    /// in sentence order and contexts left to right: the training examples Buduma lists for skip-gram in ch6.
    /// </summary>
    public static IEnumerable<(T Centre, T Context)> SkipGramPairs<T>(IReadOnlyList<T> sentence, int window)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (window < 1) throw new ArgumentException($"ContextWindow.SkipGramPairs: window must be at least 1, got {window}.", nameof(window));
        for (int i = 0; i < sentence.Count; i++)
        {
            var (from, to) = Bounds(i, sentence.Count, window);
            for (int j = from; j <= to; j++)
                if (j != i) yield return (sentence[i], sentence[j]);
        }
    }
}

namespace Sharpgrad.Text;

/// <summary>A language model over words: P(w | the words before it), from n-gram statistics (GBC §12.4.1).</summary>
public interface INGramLanguageModel
{
    /// <summary>The corpus statistics the model was estimated from.</summary>
    NGramCounts Counts { get; }

    /// <summary>
    /// P(<paramref name="word"/> | <paramref name="context"/>). Only the last n − 1 context words matter; a shorter context
    /// is the start of a sentence (padded with begin marks). Unknown words are an error.
    /// </summary>
    double Probability(IReadOnlyList<string> context, string word);
}

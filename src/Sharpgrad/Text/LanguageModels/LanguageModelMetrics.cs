namespace Sharpgrad.Text;

/// <summary>Sentence probabilities and perplexity of an n-gram language model (GBC §12.4.1).</summary>
public static class LanguageModelMetrics
{
    /// <summary>
    /// log P(sentence) = Σₜ log P(wₜ | w₁…wₜ₋₁) over the words and the end mark (the chain rule, GBC eq. 12.5), the first
    /// words conditioned on begin marks; −∞ when a factor is 0 (an unsmoothed model and an unseen n-gram).
    /// </summary>
    public static double SentenceLogProbability(INGramLanguageModel model, IReadOnlyList<string> sentence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentence);
        double logP = 0;
        for (int t = 0; t <= sentence.Count; t++)
        {
            var word = t < sentence.Count ? sentence[t] : NGramCounts.End;
            logP += Math.Log(model.Probability([.. sentence.Take(t)], word));
        }
        return logP;
    }

    /// <summary>
    /// Perplexity exp(−(1/M) Σ log P(wₜ | history)) over the M predicted positions of <paramref name="sentences"/> (each
    /// word and each end mark), the geometric mean of 1/P: +∞ when a word gets probability 0.
    /// </summary>
    public static double Perplexity(INGramLanguageModel model, IEnumerable<IReadOnlyList<string>> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        double logP = 0;
        long positions = 0;
        foreach (var sentence in sentences)
        {
            logP += SentenceLogProbability(model, sentence);
            positions += sentence.Count + 1;
        }
        if (positions == 0) throw new ArgumentException("Perplexity: no sentences to score.", nameof(sentences));
        return Math.Exp(-logP / positions);
    }
}

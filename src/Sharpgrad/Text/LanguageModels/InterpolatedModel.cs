namespace Sharpgrad.Text;

/// <summary>
/// Linear interpolation of the maximum-likelihood estimates of every order (Jelinek–Mercer; GBC §12.4.1):
/// P(w | h) = Σₖ λₖ P_ML,k(w | last k − 1 words of h), λ₁ for unigrams … λₙ for n-grams, Σλ = 1. When a context was
/// never seen its order has no distribution, and its weight passes down to the next lower order, so the result stays
/// a distribution over the vocabulary (the unigram estimate gives every word a positive probability).
/// </summary>
public sealed class InterpolatedModel : INGramLanguageModel
{
    private readonly double[] lambdas;

    public NGramCounts Counts { get; }

    /// <summary>λ₁ … λₙ.</summary>
    public IReadOnlyList<double> Lambdas => lambdas;

    public InterpolatedModel(NGramCounts counts, IReadOnlyList<double> lambdas)
    {
        Counts = counts ?? throw new ArgumentNullException(nameof(counts));
        ArgumentNullException.ThrowIfNull(lambdas);
        if (lambdas.Count != counts.Order || lambdas.Any(l => !(l >= 0)) || Math.Abs(lambdas.Sum() - 1) > 1e-12)
            throw new ArgumentException(
                $"InterpolatedModel: expected {counts.Order} non-negative weights λ₁…λₙ summing to 1, got [{string.Join(", ", lambdas)}].", nameof(lambdas));
        this.lambdas = [.. lambdas];
    }

    public double Probability(IReadOnlyList<string> context, string word)
    {
        var h = Counts.FullContext(context, word);
        double p = 0, carried = 0;
        for (int k = Counts.Order; k >= 1; k--)
        {
            var table = Counts.Table(k);
            var shortContext = h[(h.Length - (k - 1))..];
            var (total, _) = table.ContextCounts(NGramTable.Key(shortContext));
            double weight = lambdas[k - 1] + carried;
            if (total == 0) { carried = weight; continue; }
            carried = 0;
            p += weight * table.Count(NGramTable.Key([.. shortContext, word])) / total;
        }
        return p;
    }
}

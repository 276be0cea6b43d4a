namespace Sharpgrad.Text;

/// <summary>
/// BLEU (Papineni et al. 2002), the machine-translation metric: the geometric mean of the clipped ("modified") n-gram
/// precisions for n = 1 … N with uniform weights wₙ = 1/N (some printings of the paper's formula read 1/n; the
/// paper's text and every implementation use 1/N), times a brevity penalty. A candidate n-gram counts as matched at most
/// as many times as it occurs in the one reference where it occurs most (clipping: "the the the the" cannot score on
/// "the" four times). The corpus score sums matches, totals and lengths over all sentences before dividing, as the
/// paper does; the sentence score is the corpus score of one sentence (no smoothing, so a sentence without a matching
/// 4-gram scores 0). The effective reference length of a sentence is the reference length closest to the candidate's,
/// the shorter on a tie (NLTK's and sacreBLEU's choice of the paper's "best match length").
/// </summary>
public static class Bleu
{
    public static double Sentence(IReadOnlyList<string> candidate, IReadOnlyList<IReadOnlyList<string>> references, int maxOrder = 4) =>
        Corpus([candidate], [references], maxOrder).Score;

    /// <summary>The corpus-level score of <paramref name="candidates"/>, candidate i against its references <paramref name="references"/>[i].</summary>
    public static BleuScore Corpus(IReadOnlyList<IReadOnlyList<string>> candidates, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> references,
        int maxOrder = 4)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(references);
        if (maxOrder < 1) throw new ArgumentException($"Bleu: maxOrder must be at least 1, got {maxOrder}.", nameof(maxOrder));
        if (candidates.Count != references.Count || candidates.Count == 0)
            throw new ArgumentException($"Bleu: expected one list of references per candidate, got {candidates.Count} candidates and {references.Count} reference lists.");
        var matches = new long[maxOrder];
        var totals = new long[maxOrder];
        long candidateLength = 0, referenceLength = 0;
        for (int i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i] ?? throw new ArgumentException($"Bleu: candidate {i} is null.", nameof(candidates));
            var refs = references[i] ?? throw new ArgumentException($"Bleu: the reference list of candidate {i} is null.", nameof(references));
            if (refs.Any(r => r is null)) throw new ArgumentException($"Bleu: a reference of candidate {i} is null.", nameof(references));
            if (refs.Count == 0) throw new ArgumentException($"Bleu: candidate {i} has no reference.", nameof(references));
            candidateLength += candidate.Count;
            referenceLength += refs.Select(r => r.Count).MinBy(length => (Math.Abs(length - candidate.Count), length));
            for (int n = 1; n <= maxOrder; n++)
            {
                var counts = NGrams(candidate, n);
                var maxReference = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var reference in refs)
                    foreach (var (gram, count) in NGrams(reference, n))
                        maxReference[gram] = Math.Max(maxReference.GetValueOrDefault(gram), count);
                foreach (var (gram, count) in counts)
                {
                    matches[n - 1] += Math.Min(count, maxReference.GetValueOrDefault(gram));
                    totals[n - 1] += count;
                }
            }
        }
        return new BleuScore(matches, totals, candidateLength, referenceLength);
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> words, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= words.Count; i++)
        {
            var key = NGramTable.Key(words.Skip(i).Take(n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }
}

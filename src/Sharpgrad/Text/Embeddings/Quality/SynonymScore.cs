using System.Security.Cryptography;
using System.Text;

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The neighbour quality score of issue #13 (no standard word-similarity set is available offline, so this one is
/// made from WordNet; bench/word2vec_gensim.py computes the same for gensim's vectors): among the <c>top</c> most
/// frequent words, take the words that have a synonym there, ordered by the MD5 of the word (a fixed sample,
/// independent of frequency) and cut to <c>sample</c>; for each, rank the other candidates by cosine and note the
/// rank r of its best-ranked synonym. The score is the mean reciprocal rank, mean 1/r (1 when every word's nearest
/// neighbour is a synonym), with recall@10, the share with r ≤ 10.
/// </summary>
public static class SynonymScore
{
    /// <summary>The score and how many words it averages over.</summary>
    public readonly record struct Result(double MeanReciprocalRank, double RecallAt10, int Words, double ChanceMeanReciprocalRank);

    /// <summary>
    /// Scores <paramref name="vectors"/> (rows in frequency order, as training and word2vec files give them) against
    /// <paramref name="synonyms"/>. Throws when no candidate word has a synonym among the candidates.
    /// </summary>
    public static Result Evaluate(KeyedVectors vectors, IReadOnlyDictionary<string, HashSet<string>> synonyms, int top = 20000, int sample = 2000)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(synonyms);
        if (top < 2 || sample < 1) throw new ArgumentException($"SynonymScore: expected top ≥ 2 and sample ≥ 1, got top = {top}, sample = {sample}.");
        var candidates = vectors.Words.Take(top).ToList();
        var index = candidates.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var chosen = candidates.Where(w => synonyms.TryGetValue(w, out var s) && s.Any(index.ContainsKey))
            .OrderBy(Md5Hex, StringComparer.Ordinal).Take(sample).ToList();
        if (chosen.Count == 0)
            throw new ArgumentException($"SynonymScore: none of the {candidates.Count} candidate words has a synonym among them; expected a larger vocabulary or another synonym list.");
        var unit = UnitRows(vectors, candidates.Count);
        int d = vectors.VectorSize;
        double reciprocal = 0, chance = 0;
        int hits = 0;
        foreach (var word in chosen)
        {
            chance += ChanceReciprocalRank(candidates.Count - 1, synonyms[word].Count(index.ContainsKey));
            int q = index[word];
            var cos = new double[candidates.Count];
            for (int i = 0; i < cos.Length; i++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += unit[q * d + k] * unit[i * d + k];
                cos[i] = s;
            }
            // The rank of a synonym is 1 + the candidates (other than the word) strictly closer, or as close and earlier: a stable order.
            int best = int.MaxValue;
            foreach (var syn in synonyms[word])
            {
                if (!index.TryGetValue(syn, out int j)) continue;
                int rank = 1;
                for (int i = 0; i < cos.Length; i++)
                    if (i != q && i != j && (cos[i] > cos[j] || (cos[i] == cos[j] && i < j))) rank++;
                best = Math.Min(best, rank);
            }
            reciprocal += 1.0 / best;
            if (best <= 10) hits++;
        }
        return new Result(reciprocal / chosen.Count, hits / (double)chosen.Count, chosen.Count, chance / chosen.Count);
    }

    /// <summary>
    /// E[1/R] when a word's <paramref name="synonyms"/> sit at random among its <paramref name="others"/> fellow
    /// candidates and R is the best of their ranks: the baseline a score must beat. R ≥ r exactly when all m synonyms
    /// avoid the first r − 1 places, P(R ≥ r) = C(M − r + 1, m)/C(M, m), so P(R ≥ r + 1)/P(R ≥ r) = (M − r + 1 − m)/(M − r + 1).
    /// With one synonym this is H(M)/M; with more it is higher, which a one-synonym baseline would understate.
    /// </summary>
    public static double ChanceReciprocalRank(int others, int synonyms)
    {
        if (synonyms < 1 || synonyms > others)
            throw new ArgumentOutOfRangeException(nameof(synonyms), $"SynonymScore.ChanceReciprocalRank: need 1 ≤ synonyms ≤ others, got {synonyms} of {others}.");
        double expected = 0, atLeast = 1;   // P(R ≥ r), from r = 1
        for (int r = 1; r <= others - synonyms + 1; r++)
        {
            double atLeastNext = atLeast * (others - r + 1 - synonyms) / (others - r + 1);
            expected += (atLeast - atLeastNext) / r;
            atLeast = atLeastNext;
        }
        return expected;
    }

    private static double[] UnitRows(KeyedVectors vectors, int rows)
    {
        int d = vectors.VectorSize;
        var unit = new double[rows * d];
        for (int i = 0; i < rows; i++)
        {
            var row = vectors[vectors.Words[i]];
            double norm = 0;
            for (int k = 0; k < d; k++) norm += (double)row[k] * row[k];
            norm = Math.Sqrt(norm);
            for (int k = 0; k < d; k++) unit[i * d + k] = norm > 0 ? row[k] / norm : 0;
        }
        return unit;
    }

    private static string Md5Hex(string word) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(word)));
}

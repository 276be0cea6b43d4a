using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Text.Classification;

/// <summary>
/// The word n-grams of the fastText classifier (Joulin et al. 2016, §2.1 "N-gram features"; NYU 6.5.2): a bag of
/// words ignores word order, so the bag also holds every run of 2..n consecutive words, each hashed into one of B
/// buckets (the hashing trick keeps memory fixed however many n-grams the corpus has). As fastText's
/// <c>addWordNgrams</c>: each word is hashed by FNV-1a (<see cref="CharacterNgrams.Hash"/>), the hash of the run
/// starting at word i is folded as h ← h·116049371 + hash(word j) in 64 bits, each 32-bit hash sign-extended as fastText's
/// int32 hashes are, and the bucket is h mod B. Words outside the
/// vocabulary still take part (their n-grams carry order information the words alone cannot).
/// </summary>
public static class WordNgramHashes
{
    private const ulong Multiplier = 116049371;

    /// <summary>The bucket of every run of 2..<paramref name="n"/> consecutive words of <paramref name="words"/>, by start position, then length.</summary>
    public static List<int> Buckets(IReadOnlyList<string> words, int n, int buckets)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (n < 1) throw new ArgumentException($"WordNgramHashes.Buckets: n must be at least 1, got {n}.", nameof(n));
        if (buckets < 1) throw new ArgumentException($"WordNgramHashes.Buckets: buckets must be at least 1, got {buckets}.", nameof(buckets));
        // fastText keeps word hashes as int32 (std::vector<int32_t>) and widens them to uint64 in the fold, so a hash of
        // 2³¹ or more is sign-extended; the buckets match fastText's only with the same widening.
        var hashes = words.Select(w => (ulong)(long)(int)CharacterNgrams.Hash(w)).ToArray();
        var result = new List<int>();
        for (int i = 0; i < hashes.Length; i++)
        {
            ulong h = hashes[i];
            for (int j = i + 1; j < hashes.Length && j < i + n; j++)
            {
                h = h * Multiplier + hashes[j];
                result.Add((int)(h % (ulong)buckets));
            }
        }
        return result;
    }
}

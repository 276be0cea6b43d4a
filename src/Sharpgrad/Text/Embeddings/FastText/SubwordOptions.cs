namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// fastText's subword settings (Bojanowski et al. 2017): character n-grams of <see cref="MinN"/> to <see cref="MaxN"/>
/// characters, hashed into <see cref="Buckets"/> rows. Defaults are fastText's (<c>-minn 3 -maxn 6 -bucket 2000000</c>);
/// 2 M buckets of 100 floats are 800 MB, so small corpora do well with far fewer (collisions only share a row).
/// </summary>
public sealed record SubwordOptions
{
    /// <summary>The shortest n-gram, in characters (the &lt; and &gt; markers count).</summary>
    public int MinN { get; init; } = CharacterNgrams.DefaultMinN;

    /// <summary>The longest n-gram.</summary>
    public int MaxN { get; init; } = CharacterNgrams.DefaultMaxN;

    /// <summary>How many rows the n-grams are hashed into.</summary>
    public int Buckets { get; init; } = 2_000_000;

    /// <summary>Throws when a setting is out of range, naming it and the value.</summary>
    public void Validate()
    {
        CharacterNgrams.Validate(MinN, MaxN);
        if (Buckets < 1) throw new ArgumentException($"FastText: Buckets must be at least 1, got {Buckets}.");
    }
}

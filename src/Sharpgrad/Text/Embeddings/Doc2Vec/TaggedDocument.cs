namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// A document for <see cref="Doc2Vec"/>: its tokens and the tag whose paragraph vector it trains (gensim's
/// <c>TaggedDocument</c> with one tag). Documents that share a tag share one vector.
/// </summary>
public sealed record TaggedDocument(IReadOnlyList<string> Words, string Tag);

namespace Sharpgrad.Text;

/// <summary>What a <see cref="Vocabulary"/> does with words it does not hold (cut by minCount or maxSize, or never seen).</summary>
public enum UnknownWords
{
    /// <summary>
    /// Unknown words are left out of encoded sentences, as word2vec and gensim do when training: they neither
    /// predict nor are predicted, and the window closes over the gap.
    /// </summary>
    Drop,

    /// <summary>
    /// Index 0 is the token <c>&lt;unk&gt;</c>, whose count is the number of corpus tokens cut from the vocabulary;
    /// unknown words encode to it (torchtext's default, what a language model's softmax needs).
    /// </summary>
    MapToUnknown,
}

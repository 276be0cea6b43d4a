namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>bAbI examples as the int64 tensors <see cref="MemN2N"/> reads.</summary>
public static class BabiEncoder
{
    /// <summary>
    /// Stories [B, S, J], questions [B, J] and answers [B] (word ids, 0 = padding). Slot 0 of a story is its last sentence,
    /// slot 1 the one before, and so on (the memory network's reverse order); a story longer than
    /// <paramref name="memorySize"/> keeps its last S sentences. A sentence longer than J words is an error.
    /// </summary>
    public static (Tensor Stories, Tensor Questions, Tensor Answers) Encode(IReadOnlyList<BabiExample> examples, int memorySize, int sentenceLength)
    {
        MemoryChecks.Positive("BabiEncoder", ("examples", examples.Count), ("memorySize", memorySize), ("sentenceLength", sentenceLength));
        int b = examples.Count;
        var stories = new long[b * memorySize * sentenceLength];
        var questions = new long[b * sentenceLength];
        var answers = new long[b];
        for (int e = 0; e < b; e++)
        {
            var story = examples[e].Story;
            for (int slot = 0; slot < Math.Min(memorySize, story.Count); slot++)
                Write(story[story.Count - 1 - slot], stories, (e * memorySize + slot) * sentenceLength, sentenceLength);
            Write(examples[e].Question, questions, e * sentenceLength, sentenceLength);
            answers[e] = BabiVocabulary.Id(examples[e].Answer);
        }
        return (Tensor.FromArray(stories, b, memorySize, sentenceLength), Tensor.FromArray(questions, b, sentenceLength), Tensor.FromArray(answers, b));
    }

    private static void Write(string sentence, long[] ids, int offset, int sentenceLength)
    {
        var tokens = BabiVocabulary.Tokens(sentence);
        if (tokens.Length > sentenceLength)
            throw new ArgumentException($"BabiEncoder: '{sentence}' has {tokens.Length} words, more than sentenceLength = {sentenceLength}.");
        for (int j = 0; j < tokens.Length; j++) ids[offset + j] = BabiVocabulary.Id(tokens[j]);
    }
}

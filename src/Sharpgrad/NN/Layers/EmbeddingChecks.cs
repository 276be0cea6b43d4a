namespace Sharpgrad.NN;

/// <summary>The argument checks <see cref="Functional.Embedding"/> and <see cref="Embedding"/> share.</summary>
internal static class EmbeddingChecks
{
    /// <summary>A padding index in [−num, num), made non-negative as PyTorch does; null stays null.</summary>
    public static int? PaddingIndex(string op, int? paddingIdx, int rows)
    {
        if (paddingIdx is not int index) return null;
        if (index < -rows || index >= rows)
            throw new ArgumentException($"{op}: paddingIdx must be in [-{rows}, {rows}) for {rows} embeddings, got {index}.");
        return index < 0 ? index + rows : index;
    }

    /// <summary>Every index must name a row; the message gives the first offender, its position and the table size.</summary>
    public static void Indices(long[] indices, int rows, Tensor input)
    {
        for (int i = 0; i < indices.Length; i++)
            if (indices[i] < 0 || indices[i] >= rows)
                throw new ArgumentException(
                    $"Embedding: index {indices[i]} at flat position {i} of input {input.ShapeText} is out of range for {rows} embeddings (expected 0 ≤ index < {rows}).");
    }
}

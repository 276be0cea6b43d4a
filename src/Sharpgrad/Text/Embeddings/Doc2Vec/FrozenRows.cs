namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Row access for inferring a new paragraph vector (Le &amp; Mikolov 2014, §2.2 "the inference stage"): the new
/// vector, in input row <see cref="DocumentRow"/>, is trained in place, while every other row (word vectors, output
/// vectors, inner nodes) is handed out as a scratch copy, so the training step reads the model's values and its
/// writes to them are thrown away. The model stays frozen, and inference never changes it.
/// </summary>
internal sealed class FrozenRows(Word2VecWeights weights, int documentRow, float[] document)
{
    private readonly Word2VecWeights model = weights;
    private readonly float[] vector = document;
    private readonly float[] input = new float[weights.Dimension], output = new float[weights.Dimension], inner = new float[weights.Dimension];

    /// <summary>The input row that stands for the new document; no trained row has this index.</summary>
    public int DocumentRow { get; } = documentRow;

    public Access Rows => new(this);

    private Span<float> Copy(float[] matrix, int row, float[] scratch)
    {
        int d = model.Dimension;
        matrix.AsSpan(row * d, d).CopyTo(scratch);
        return scratch;
    }

    /// <summary>The struct a training step is compiled against. Each scratch row is used before the next of its kind is asked for.</summary>
    internal readonly struct Access(FrozenRows rows) : IRowAccess
    {
        public Span<float> Input(int word) => word == rows.DocumentRow ? rows.vector : rows.Copy(rows.model.Syn0, word, rows.input);

        public Span<float> Negative(int word) => rows.Copy(rows.model.Syn1Neg, word, rows.output);

        public Span<float> Inner(int node) => rows.Copy(rows.model.Syn1, node, rows.inner);
    }
}

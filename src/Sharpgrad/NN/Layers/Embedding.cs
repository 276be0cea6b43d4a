namespace Sharpgrad.NN;

/// <summary>
/// A table of learned vectors, one per symbol (torch.nn.Embedding): int64 indices of any shape in, their rows out with
/// one more dimension. The distributed representation of words in a neural language model (GBC §12.4.2).
/// <para>Parameter <c>weight</c> [numEmbeddings, embeddingDim] is drawn from N(0, 1) as in PyTorch; the row
/// <see cref="PaddingIdx"/>, when given, starts at zero and receives no gradient.</para>
/// <para>Gradients are dense: the weight's gradient is a full [num, dim] tensor with zeros in untouched rows, and the
/// optimisers update every row. PyTorch's <c>sparse=True</c> is not offered; see docs/design.md "Embedding".</para>
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public int NumEmbeddings { get; }
    public int EmbeddingDim { get; }
    public int? PaddingIdx { get; }
    public double? MaxNorm { get; }
    public double NormType { get; }
    public bool ScaleGradByFreq { get; }

    /// <summary>[NumEmbeddings, EmbeddingDim].</summary>
    public Tensor Weight { get; }

    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, double? maxNorm = null, double normType = 2,
        bool scaleGradByFreq = false, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (numEmbeddings < 1 || embeddingDim < 1)
            throw new ArgumentException($"Embedding: numEmbeddings and embeddingDim must be positive, got {numEmbeddings} and {embeddingDim}.");
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"Embedding: dtype must be floating point, got {dtype.Name()}.");
        if (maxNorm is double limit && !(limit > 0))
            throw new ArgumentException($"Embedding: maxNorm must be positive, got {limit}.");
        if (!(normType > 0)) throw new ArgumentException($"Embedding: normType must be positive, got {normType}.");
        (NumEmbeddings, EmbeddingDim, MaxNorm, NormType, ScaleGradByFreq) = (numEmbeddings, embeddingDim, maxNorm, normType, scaleGradByFreq);
        PaddingIdx = EmbeddingChecks.PaddingIndex("Embedding", paddingIdx, numEmbeddings);
        Weight = RegisterParameter("weight", Tensor.Zeros([numEmbeddings, embeddingDim], dtype));
        Init.Normal(Weight, 0, 1, generator);
        if (PaddingIdx is int padding)
            using (Autograd.NoGrad()) Weight.Select(0, padding).Fill(0);
    }

    /// <summary>A table holding <paramref name="embeddings"/> (copied), trainable unless <paramref name="freeze"/>.</summary>
    public static Embedding FromPretrained(Tensor embeddings, bool freeze = true, int? paddingIdx = null, double? maxNorm = null,
        double normType = 2, bool scaleGradByFreq = false)
    {
        if (embeddings.Rank != 2)
            throw new ArgumentException($"Embedding.FromPretrained: embeddings must be 2-D [num, dim], got shape {embeddings.ShapeText}.");
        var layer = new Embedding(embeddings.Size(0), embeddings.Size(1), paddingIdx, maxNorm, normType, scaleGradByFreq, embeddings.DType);
        using (Autograd.NoGrad()) layer.Weight.CopyFrom(embeddings);
        layer.Weight.RequiresGrad = !freeze;
        return layer;
    }

    protected override Tensor ForwardCore(Tensor input) =>
        Functional.Embedding(input, Weight, PaddingIdx, MaxNorm, NormType, ScaleGradByFreq);

    protected override string ExtraRepr()
    {
        var text = $"{NumEmbeddings}, {EmbeddingDim}";
        if (PaddingIdx is int padding) text += $", padding_idx={padding}";
        if (MaxNorm is double limit) text += $", max_norm={limit}";
        if (ScaleGradByFreq) text += ", scale_grad_by_freq=True";
        return text;
    }
}

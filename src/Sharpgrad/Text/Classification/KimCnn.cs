using Sharpgrad.NN;

namespace Sharpgrad.Text.Classification;

/// <summary>
/// Kim's CNN sentence classifier (Kim 2014, "Convolutional Neural Networks for Sentence Classification", §2; GBC §9.1
/// for 1-D convolution over time): word indices [N, L] → embeddings [N, L, E] → for each filter width w (3, 4, 5 in
/// the paper) a Conv1d with E input channels and F feature maps, ReLU, and max-over-time pooling, which keeps each
/// feature map's strongest response wherever in the sentence it occurred and makes sentences of any length give a
/// fixed-size vector → the F·|widths| features concatenated → dropout (p = 0.5) → a linear layer to class logits.
/// </summary>
/// <remarks>
/// Child names: <c>embedding</c>, <c>convs.0…</c> (one per width, in the given order), <c>dropout</c>, <c>fc</c>, as the
/// usual PyTorch implementations name them. The paper's defaults are F = 100 maps per width and an l2-norm cap of 3 on
/// the final layer's weight vectors; the cap is not applied here (Zhang &amp; Wallace 2015 found it makes little
/// difference). For the paper's "static" or pretrained variants, load word2vec vectors into <c>embedding</c> with
/// <see cref="Embedding.FromPretrained"/>-sized weights and freeze them.
/// </remarks>
public sealed class KimCnn : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly ModuleList<Conv1d> convs;
    private readonly Dropout dropout;
    private readonly Linear fc;

    /// <summary>A classifier over <paramref name="vocabularySize"/> words into <paramref name="classes"/> classes.</summary>
    public KimCnn(int vocabularySize, int embeddingDim, int classes, int[]? filterWidths = null, int featureMaps = 100,
        double dropout = 0.5, int? paddingIdx = null, Generator? generator = null)
    {
        FilterWidths = filterWidths ?? [3, 4, 5];
        if (FilterWidths.Count == 0 || FilterWidths.Any(w => w < 1))
            throw new ArgumentException($"KimCnn: expected at least one filter width, all ≥ 1; got [{string.Join(", ", FilterWidths)}].", nameof(filterWidths));
        if (featureMaps < 1) throw new ArgumentException($"KimCnn: featureMaps must be at least 1, got {featureMaps}.", nameof(featureMaps));
        if (classes < 2) throw new ArgumentException($"KimCnn: expected at least 2 classes, got {classes}.", nameof(classes));
        embedding = RegisterModule("embedding", new Embedding(vocabularySize, embeddingDim, paddingIdx, generator: generator));
        convs = RegisterModule("convs", new ModuleList<Conv1d>(FilterWidths.Select(w => new Conv1d(embeddingDim, featureMaps, w, generator: generator))));
        this.dropout = RegisterModule("dropout", new Dropout(dropout, generator));
        fc = RegisterModule("fc", new Linear(featureMaps * FilterWidths.Count, classes, generator: generator));
    }

    /// <summary>The widths (in words) of the filters, one Conv1d each.</summary>
    public IReadOnlyList<int> FilterWidths { get; }

    /// <summary>int64 word indices [N, L] (L at least the widest filter; pad short sentences) → logits [N, classes].</summary>
    protected override Tensor ForwardCore(Tensor tokens)
    {
        int widest = FilterWidths.Max();
        if (tokens.Rank != 2 || tokens.DType != DType.Int64 || tokens.Shape[1] < widest)
            throw new ArgumentException($"KimCnn: expected int64 word indices of shape [N, L] with L ≥ {widest} (the widest filter; pad shorter "
                + $"sentences), got {tokens.DType.Name()} {tokens.Shape}.", nameof(tokens));
        var x = embedding.Forward(tokens).Transpose(1, 2); // [N, E, L]: the embedding dimensions are Conv1d's channels
        var pooled = convs.Select(conv => conv.Forward(x).Relu().Amax(2)).ToList(); // max over time: [N, F] each
        return fc.Forward(dropout.Forward(Tensor.Cat(pooled, 1)));
    }
}

namespace Sharpgrad.NN;

/// <summary>
/// The settings an encoder or decoder layer is built from, kept so <see cref="TransformerEncoder"/> and
/// <see cref="TransformerDecoder"/> can make copies of a layer as PyTorch's <c>_get_clones</c> deep-copies it.
/// </summary>
internal sealed record TransformerLayerOptions(int DModel, int NHead, int DimFeedforward, double Dropout,
    TransformerActivation Activation, double LayerNormEps, bool BatchFirst, bool NormFirst, DType DType, Generator? Generator)
{
    public void Check(string layer)
    {
        if (DModel < 1 || NHead < 1 || DimFeedforward < 1)
            throw new ArgumentException($"{layer}: dModel, nhead and dimFeedforward must be positive, got {DModel}, {NHead} and {DimFeedforward}.");
        if (DModel % NHead != 0)
            throw new ArgumentException($"{layer}: dModel ({DModel}) must be divisible by nhead ({NHead}).");
        Functional.CheckDropoutProbability(Dropout);
    }

    public MultiheadAttention Attention() => new(DModel, NHead, Dropout, batchFirst: BatchFirst, dtype: DType, generator: Generator);

    public LayerNorm Norm() => new(DModel, LayerNormEps, dtype: DType);

    public Dropout DropoutLayer() => new(Dropout, Generator);

    /// <summary>The feed-forward block's first Linear, d_model → dim_feedforward.</summary>
    public Linear Widen() => new(DModel, DimFeedforward, dtype: DType, generator: Generator);

    /// <summary>The feed-forward block's second Linear, dim_feedforward → d_model.</summary>
    public Linear Narrow() => new(DimFeedforward, DModel, dtype: DType, generator: Generator);
}

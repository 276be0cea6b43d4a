namespace Sharpgrad.NN;

/// <summary>The feed-forward block's nonlinearity (PyTorch's <c>activation="relu"</c> or <c>"gelu"</c>).</summary>
public enum TransformerActivation
{
    /// <summary>max(0, x), the original Transformer's (Vaswani et al. 2017, eq. 2).</summary>
    Relu,

    /// <summary>The exact GELU x·Φ(x) (Hendrycks &amp; Gimpel 2016), used by BERT and GPT.</summary>
    Gelu,
}

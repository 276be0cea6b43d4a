namespace Sharpgrad.NN;

/// <summary>
/// The optional arguments of <see cref="MultiheadAttention"/>'s forward, with nn.MultiheadAttention's meanings and
/// defaults: <c>mha.Forward(q, k, v, new() { KeyPaddingMask = pad, NeedWeights = false })</c>.
/// </summary>
public sealed record AttentionOptions
{
    /// <summary>
    /// [N, S] (or [S] for unbatched input): bool true marks a key to ignore (padding), as in PyTorch; a float mask is
    /// added to the logits of every query and head.
    /// </summary>
    public Tensor? KeyPaddingMask { get; init; }

    /// <summary>
    /// [L, S], or [N·numHeads, L, S] per example and head (PyTorch's layout): bool true = may NOT attend (PyTorch's
    /// nn.MultiheadAttention, the opposite of <see cref="Functional.ScaledDotProductAttention"/>); a float mask is added.
    /// </summary>
    public Tensor? AttnMask { get; init; }

    /// <summary>Whether to return the attention weights (default true, as PyTorch).</summary>
    public bool NeedWeights { get; init; } = true;

    /// <summary>Return the weights averaged over heads [N, L, S] (default) or per head [N, numHeads, L, S].</summary>
    public bool AverageAttnWeights { get; init; } = true;
}

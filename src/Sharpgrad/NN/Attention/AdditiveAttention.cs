namespace Sharpgrad.NN;

/// <summary>
/// Additive attention as a layer (Bahdanau et al. 2015; GBC §12.4.5.1): scores vᵀ tanh(W₁h + W₂q) over the keys h,
/// softmax weights, and the weighted sum of the keys. Inputs (query [N, Dq], keys [N, S, Dk], key-padding mask bool
/// [N, S] or null, true where a position is padding); outputs (context [N, Dk], weights [N, S]).
/// <para>PyTorch has no additive-attention layer, so the parameter names are this library's: <c>w1.weight</c> [A, Dk]
/// (no bias), <c>w2.weight</c> [A, Dq] and <c>w2.bias</c> [A], <c>v.weight</c> [1, A] (no bias), each initialised as a
/// PyTorch <c>Linear</c>.</para>
/// </summary>
public sealed class AdditiveAttention : Module<Tensor, Tensor, Tensor?, (Tensor Context, Tensor Weights)>
{
    /// <summary>W₁: keys to the attention space.</summary>
    public Linear W1 { get; }

    /// <summary>W₂ and b₂: the query to the attention space.</summary>
    public Linear W2 { get; }

    /// <summary>v: the attention space to one score.</summary>
    public Linear V { get; }

    public AdditiveAttention(int queryDim, int keyDim, int attentionDim, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (queryDim < 1 || keyDim < 1 || attentionDim < 1)
            throw new ArgumentException($"AdditiveAttention: sizes must be positive, got queryDim {queryDim}, keyDim {keyDim}, attentionDim {attentionDim}.");
        W1 = RegisterModule("w1", new Linear(keyDim, attentionDim, bias: false, dtype, generator));
        W2 = RegisterModule("w2", new Linear(queryDim, attentionDim, bias: true, dtype, generator));
        V = RegisterModule("v", new Linear(attentionDim, 1, bias: false, dtype, generator));
    }

    /// <summary>W₁h for keys [N, S, Dk]: compute once per source and pass to <see cref="Attend"/> at every decoder step.</summary>
    public Tensor ProjectKeys(Tensor keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Rank != 3 || keys.Size(2) != W1.InFeatures)
            throw new ArgumentException($"AdditiveAttention: expected keys [N, S, {W1.InFeatures}], got {keys.ShapeText}.");
        return W1.Forward(keys);
    }

    /// <summary>Attention with keys already projected by <see cref="ProjectKeys"/>.</summary>
    public (Tensor Context, Tensor Weights) Attend(Tensor query, Tensor keys, Tensor projectedKeys, Tensor? keyPaddingMask = null) =>
        Functional.AdditiveAttention(query, keys, projectedKeys, W2.Weight, W2.Bias, V.Weight, keyPaddingMask);

    protected override (Tensor Context, Tensor Weights) ForwardCore(Tensor query, Tensor keys, Tensor? keyPaddingMask) =>
        Attend(query, keys, ProjectKeys(keys), keyPaddingMask);

    protected override string ExtraRepr() => $"query_dim={W2.InFeatures}, key_dim={W1.InFeatures}, attention_dim={W1.OutFeatures}";
}

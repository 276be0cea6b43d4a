namespace Sharpgrad.NN;

/// <summary>
/// The trainable tensors of <see cref="MultiheadAttention"/>, by PyTorch's names: the packed <c>in_proj_weight</c>
/// or the separate <c>q/k/v_proj_weight</c>, <c>in_proj_bias</c>, <c>bias_k</c>/<c>bias_v</c>, and out_proj's weight and bias.
/// </summary>
internal sealed record AttentionWeights(Tensor? InProjWeight, Tensor? QProjWeight, Tensor? KProjWeight, Tensor? VProjWeight,
    Tensor? InProjBias, Tensor? BiasK, Tensor? BiasV, Tensor OutProjWeight, Tensor? OutProjBias);

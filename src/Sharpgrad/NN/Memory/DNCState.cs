namespace Sharpgrad.NN.Memory;

/// <summary>
/// What a <see cref="DNC"/> carries from step to step: memory [B, N, W], usage u [B, N], link matrix L [B, N, N],
/// precedence p [B, N], read weightings [B, R, N], the write weighting [B, N], read vectors [B, R, W] and the controller state.
/// </summary>
public sealed record DNCState(
    Tensor Memory, Tensor Usage, Tensor Link, Tensor Precedence, Tensor ReadWeights, Tensor WriteWeights, Tensor Reads,
    (Tensor H, Tensor C) Controller) : IMemoryState;

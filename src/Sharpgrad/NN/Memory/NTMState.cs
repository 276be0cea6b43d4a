namespace Sharpgrad.NN.Memory;

/// <summary>
/// What an <see cref="NTM"/> carries from step to step: the memory [B, N, W], the read heads' weightings [B, R, N], the
/// write heads' weightings [B, H_w, N] (the "previous weighting" of eq. 7), the read vectors [B, R, W] and the controller state.
/// </summary>
public sealed record NTMState(Tensor Memory, Tensor ReadWeights, Tensor WriteWeights, Tensor Reads, (Tensor H, Tensor C) Controller) : IMemoryState;

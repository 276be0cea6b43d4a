namespace Sharpgrad.RL;

/// <summary>A minibatch of transitions: states [B, d], actions [B] (int64), rewards [B], next states [B, d], terminal flags [B] (1 or 0).</summary>
public sealed record ReplayBatch(Tensor States, Tensor Actions, Tensor Rewards, Tensor NextStates, Tensor Terminated);

namespace Sharpgrad.Generative;

/// <summary>The binary states of a <see cref="DeepBoltzmannMachine"/>'s three layers for a batch of chains.</summary>
public sealed record DbmState(Tensor Visible, Tensor Hidden1, Tensor Hidden2);

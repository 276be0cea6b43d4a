namespace Sharpgrad.Generative;

/// <summary>
/// The factorial mean-field posterior q(h⁽¹⁾, h⁽²⁾ | v) of a <see cref="DeepBoltzmannMachine"/>: the probabilities
/// ĥ⁽¹⁾ [N, hidden1] and ĥ⁽²⁾ [N, hidden2], how many fixed-point sweeps produced them, and whether they converged.
/// </summary>
public sealed record MeanFieldPosterior(Tensor Hidden1, Tensor Hidden2, int Iterations, bool Converged);

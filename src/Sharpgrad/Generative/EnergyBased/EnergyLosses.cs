namespace Sharpgrad.Generative;

/// <summary>
/// The loss functionals of energy-based learning (LeCun et al. 2006, "A tutorial on energy-based learning"; NYU ch19)
/// for a model that gives each of K answers an energy, E [N, K], lower meaning more compatible, with the correct
/// answers y [N] (int64). Each is a batch mean. Ē is the lowest energy among the *wrong* answers (the most offending
/// incorrect answer); the energy and perceptron losses are known to collapse (they do not push wrong answers up
/// enough), which is why the margin and likelihood losses exist.
/// </summary>
public static class EnergyLosses
{
    /// <summary>E(y): push the correct energy down, nothing else (LeCun et al. §2.2.1).</summary>
    public static Tensor Energy(Tensor energies, Tensor labels) => Correct(energies, labels, "Energy").Mean();

    /// <summary>E(y) − minₖ E(k) ≥ 0 (§2.2.2).</summary>
    public static Tensor Perceptron(Tensor energies, Tensor labels)
        => (Correct(energies, labels, "Perceptron") - energies.Amin(1)).Mean();

    /// <summary>The generalised margin (hinge) loss [m + E(y) − Ē]₊ (§2.2.3).</summary>
    public static Tensor Hinge(Tensor energies, Tensor labels, double margin = 1)
    {
        if (!(margin > 0) || double.IsInfinity(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), $"EnergyLosses.Hinge: the margin must be finite and > 0, got {margin}.");
        return (Correct(energies, labels, "Hinge") - MostOffending(energies, labels) + margin).Relu().Mean();
    }

    /// <summary>The log loss log(1 + e^{E(y) − Ē}), a soft hinge with an infinite margin (§2.2.3).</summary>
    public static Tensor Log(Tensor energies, Tensor labels)
        => (Correct(energies, labels, "Log") - MostOffending(energies, labels)).Softplus().Mean();

    /// <summary>
    /// The negative log-likelihood (maximum conditional probability) loss E(y) + (1/β) log Σₖ e^{−βE(k)} (§2.2.4): the
    /// cross-entropy of the Gibbs distribution p(k) ∝ e^{−βE(k)}.
    /// </summary>
    public static Tensor NegativeLogLikelihood(Tensor energies, Tensor labels, double beta = 1)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), $"EnergyLosses.NegativeLogLikelihood: β must be finite and > 0, got {beta}.");
        return (Correct(energies, labels, "NegativeLogLikelihood") + (energies * -beta).LogSumExp(1) / beta).Mean();
    }

    private static Tensor Correct(Tensor energies, Tensor labels, string loss)
    {
        if (energies.Rank != 2 || energies.Size(1) < 2 || labels.Rank != 1 || labels.Size(0) != energies.Size(0) || labels.DType != DType.Int64)
            throw new ArgumentException(
                $"EnergyLosses.{loss}: expected energies [N, K ≥ 2] and int64 labels [N], got {energies.ShapeText} and {labels.DType.Name()} {labels.ShapeText}.");
        return energies.Gather(1, labels.Unsqueeze(1)).Squeeze(1);
    }

    /// <summary>Ē = min over k ≠ y of E(k): the correct answer is moved out of reach before taking the minimum.</summary>
    private static Tensor MostOffending(Tensor energies, Tensor labels)
    {
        var isCorrect = Tensor.ZerosLike(energies).Scatter(1, labels.Unsqueeze(1), 1.0).Gt(0.5);
        return Tensor.Where(isCorrect, double.PositiveInfinity, energies).Amin(1);
    }
}

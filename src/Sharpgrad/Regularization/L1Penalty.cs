namespace Sharpgrad.Regularization;

/// <summary>
/// L1 parameter regularisation (GBC §7.1.2): Ω(θ) = α·‖w‖₁ = α·Σ|wᵢ| per selected tensor, whose (sub)gradient is
/// α·sign(w). With a diagonal Hessian it gives the soft-thresholded solution wᵢ = sign(wᵢ*)·max(|wᵢ*| − α/Hᵢᵢ, 0):
/// weights whose unregularised value is below α/Hᵢᵢ become exactly zero, which makes the solution sparse (the basis
/// of feature selection such as LASSO). With plain gradient steps they only oscillate near zero; sign′(0) = 0 keeps a
/// weight that is exactly zero there.
/// </summary>
public sealed class L1Penalty(double alpha, ParameterSelection? selection = null, IReadOnlyDictionary<string, double>? layerAlphas = null)
    : WeightPenalty("L1Penalty", alpha, selection, layerAlphas)
{
    protected override Tensor Norm(Tensor weight) => weight.Abs().Sum();

    public override string ToString() => $"L1Penalty(alpha={Alpha}, {Selection})";
}

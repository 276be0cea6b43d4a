namespace Sharpgrad.Regularization;

/// <summary>
/// L2 parameter regularisation, weight decay (GBC §7.1.1): Ω(θ) = (α/2)·‖w‖² per selected tensor, whose gradient αw
/// is exactly what an optimiser's weight_decay = α adds (PyTorch's convention). Near a minimum w* with Hessian
/// H = QΛQᵀ it moves the solution to w̃ = Q(Λ + αI)⁻¹ΛQᵀw*: the component along each eigenvector is scaled by
/// λᵢ/(λᵢ + α), so directions of low curvature are shrunk the most.
/// </summary>
public sealed class L2Penalty(double alpha, ParameterSelection? selection = null, IReadOnlyDictionary<string, double>? layerAlphas = null)
    : WeightPenalty("L2Penalty", alpha, selection, layerAlphas)
{
    protected override Tensor Norm(Tensor weight) => weight.Square().Sum() * 0.5;

    public override string ToString() => $"L2Penalty(alpha={Alpha}, {Selection})";
}

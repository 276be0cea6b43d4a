namespace Sharpgrad.Generative;

/// <summary>
/// The binary RBM (GBC §20.2): E(v, h) = −bᵀv − cᵀh − hᵀWv (eq. 20.4), so p(vᵢ = 1 | h) = σ(bᵢ + W:ᵢ·h) and the free
/// energy is F(v) = −bᵀv − Σⱼ ζ(cⱼ + Wⱼ·v).
/// </summary>
public sealed class BernoulliRbm(int visible, int hidden, DType dtype = DType.Float32, Generator? generator = null)
    : Rbm("BernoulliRbm", visible, hidden, dtype, generator)
{
    public override Tensor FreeEnergy(Tensor visible)
        => -RequireVisible(visible).MatMul(VisibleBias) - HiddenSoftplusSum(visible);

    /// <summary>log Σ_v e^{−E(v, h)} = cᵀh + Σᵢ ζ(bᵢ + W:ᵢ·h).</summary>
    public override Tensor HiddenLogMarginal(Tensor hidden) => hidden.MatMul(HiddenBias) + VisibleInput(hidden).Softplus().Sum(1);

    public override Tensor VisibleMean(Tensor hidden) => VisibleInput(hidden).Sigmoid();

    public override Tensor SampleVisible(Tensor hidden, Generator generator) => SampleBernoulli(VisibleMean(hidden), generator);

    public override Tensor RandomVisible(int count, Generator generator)
        => SampleBernoulli(Tensor.Full([count, VisibleSize], 0.5, Weight.DType), generator);
}

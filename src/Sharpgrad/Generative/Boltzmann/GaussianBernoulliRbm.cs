namespace Sharpgrad.Generative;

/// <summary>
/// Real-valued visible units with unit variance (GBC §20.5.1; Hinton's guide §13.2, which assumes standardised data):
/// E(v, h) = ½‖v − b‖² − cᵀh − hᵀWv, so p(v | h) = N(b + Wᵀh, I) and F(v) = ½‖v − b‖² − Σⱼ ζ(cⱼ + Wⱼ·v). Standardise
/// the data to zero mean and unit variance per feature before training; a learned variance is not implemented.
/// </summary>
public sealed class GaussianBernoulliRbm(int visible, int hidden, DType dtype = DType.Float32, Generator? generator = null)
    : Rbm("GaussianBernoulliRbm", visible, hidden, dtype, generator)
{
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    public override Tensor FreeEnergy(Tensor visible)
        => (RequireVisible(visible) - VisibleBias).Square().Sum(1) * 0.5 - HiddenSoftplusSum(visible);

    /// <summary>∫ e^{−E(v, h)} dv = e^{cᵀh}·(2π)^{d/2}·e^{½‖b + Wᵀh‖² − ½‖b‖²} (a Gaussian integral).</summary>
    public override Tensor HiddenLogMarginal(Tensor hidden)
        => hidden.MatMul(HiddenBias) + (VisibleInput(hidden).Square().Sum(1) - VisibleBias.Square().Sum()) * 0.5 + VisibleSize * HalfLog2Pi;

    public override Tensor VisibleMean(Tensor hidden) => VisibleInput(hidden);

    public override Tensor SampleVisible(Tensor hidden, Generator generator)
    {
        var mean = VisibleMean(hidden);
        return mean + Tensor.Randn(mean.Shape, mean.DType, generator);
    }

    public override Tensor RandomVisible(int count, Generator generator) => Tensor.Randn([count, VisibleSize], Weight.DType, generator);
}

namespace Sharpgrad.Generative;

/// <summary>
/// The binary RBM (GBC §20.2): E(v, h) = −bᵀv − cᵀh − hᵀWv (eq. 20.4), so p(vᵢ = 1 | h) = σ(bᵢ + W:ᵢ·h) and the free
/// energy is F(v) = −bᵀv − Σⱼ ζ(cⱼ + Wⱼ·v).
/// <para>
/// With <paramref name="visibleCopies"/> or <paramref name="hiddenCopies"/> = 2 it is one of the modified RBMs that
/// Salakhutdinov &amp; Hinton (2009, §3.1) pretrain a DBM with: a layer is present twice with tied weights and biases and
/// both copies hold the same state, so the weights into the other layer count double. With m_v visible and m_h hidden
/// copies, p(h = 1 | v) = σ(c + m_v·Wv), p(v = 1 | h) = σ(b + m_h·Wᵀh) and F(v) = −m_v·bᵀv − m_h·Σⱼ ζ(cⱼ + m_v·Wⱼ·v):
/// those of a plain RBM on the copied layers, which the tests build to check them. In a DBM the middle layer hears both
/// its neighbours, so the bottom RBM (doubled visible layer: up-weights 2W⁽¹⁾) and the top one (doubled hidden layer:
/// down-weights 2W⁽²⁾ᵀ) each see during pretraining the total input that the middle layer will get from two sides.
/// </para>
/// </summary>
public sealed class BernoulliRbm(int visible, int hidden, DType dtype = DType.Float32, Generator? generator = null,
    int visibleCopies = 1, int hiddenCopies = 1)
    : Rbm("BernoulliRbm", visible, hidden, dtype, generator)
{
    /// <summary>m_v: how many tied copies of the visible layer the hidden units hear (1 for a plain RBM).</summary>
    public int VisibleCopies { get; } = visibleCopies >= 1 ? visibleCopies
        : throw new ArgumentOutOfRangeException(nameof(visibleCopies), $"BernoulliRbm: visibleCopies must be ≥ 1, got {visibleCopies}.");

    /// <summary>m_h: how many tied copies of the hidden layer the visible units hear (1 for a plain RBM).</summary>
    public int HiddenCopies { get; } = hiddenCopies >= 1 ? hiddenCopies
        : throw new ArgumentOutOfRangeException(nameof(hiddenCopies), $"BernoulliRbm: hiddenCopies must be ≥ 1, got {hiddenCopies}.");

    private bool IsPlain => VisibleCopies == 1 && HiddenCopies == 1;

    /// <summary>
    /// Throws unless the RBM is plain: <paramref name="operation"/> reads W, b and c with the plain RBM's energy, which
    /// would silently be a different model's for one with layer copies.
    /// </summary>
    internal void RequirePlain(string operation)
    {
        if (!IsPlain)
            throw new InvalidOperationException($"{operation}: expected a plain RBM; this one has {VisibleCopies} visible and {HiddenCopies} "
                + "hidden copies (a layer of doubled-weights DBM pretraining), whose energy is not the plain one this reads from W, b and c.");
    }

    /// <inheritdoc/>
    protected override Tensor UpwardWeight => VisibleCopies == 1 ? Weight : Weight * VisibleCopies;

    public override Tensor FreeEnergy(Tensor visible) => IsPlain
        ? -RequireVisible(visible).MatMul(VisibleBias) - HiddenSoftplusSum(visible)
        : -RequireVisible(visible).MatMul(VisibleBias) * VisibleCopies - HiddenSoftplusSum(visible) * HiddenCopies;

    /// <summary>log Σ_v e^{−E(v, h)} = cᵀh + Σᵢ ζ(bᵢ + W:ᵢ·h); for the plain RBM only (exact Z of a copied layer is not this model's).</summary>
    public override Tensor HiddenLogMarginal(Tensor hidden)
    {
        if (!IsPlain)
            throw new InvalidOperationException($"BernoulliRbm: the hidden marginal is defined for a plain RBM; this one has {VisibleCopies} visible and {HiddenCopies} hidden copies.");
        return hidden.MatMul(HiddenBias) + VisibleInput(hidden).Softplus().Sum(1);
    }

    public override Tensor VisibleMean(Tensor hidden) => VisibleInput(HiddenCopies == 1 ? hidden : hidden * HiddenCopies).Sigmoid();

    public override Tensor SampleVisible(Tensor hidden, Generator generator) => SampleBernoulli(VisibleMean(hidden), generator);

    public override Tensor RandomVisible(int count, Generator generator)
        => SampleBernoulli(Tensor.Full([count, VisibleSize], 0.5, Weight.DType), generator);

    protected override Tensor HiddenInput(Tensor visible)
        => VisibleCopies == 1 ? base.HiddenInput(visible) : base.HiddenInput(RequireVisible(visible) * VisibleCopies);
}

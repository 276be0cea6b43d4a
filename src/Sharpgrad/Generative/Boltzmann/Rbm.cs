using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// A restricted Boltzmann machine (GBC §16.7.1, §20.2): visible units v [visible], binary hidden units h [hidden], and an
/// energy E(v, h) with no connections inside a layer, so p(h | v) and p(v | h) factorise and block Gibbs sampling
/// alternates two layers. The parameters are "weight" W [hidden, visible] (PyTorch's Linear layout: hidden unit j's
/// filter is row j), "visible_bias" b [visible] and "hidden_bias" c [hidden]. Weights start at N(0, 0.01²) and biases at
/// 0 (Hinton's practical guide, §8). Subclasses fix the visible units' distribution.
/// </summary>
public abstract class Rbm : Module
{
    protected Rbm(string name, int visible, int hidden, DType dtype, Generator? generator)
    {
        if (visible < 1 || hidden < 1)
            throw new ArgumentException($"{name}: visible and hidden sizes must be positive, got {visible} and {hidden}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{name}: dtype must be float32 or float64, got {dtype.Name()}.");
        Name = name;
        Weight = RegisterParameter("weight", Init.Normal(Tensor.Zeros([hidden, visible], dtype), 0, 0.01, generator));
        VisibleBias = RegisterParameter("visible_bias", Tensor.Zeros([visible], dtype));
        HiddenBias = RegisterParameter("hidden_bias", Tensor.Zeros([hidden], dtype));
    }

    /// <summary>The model's name in error messages.</summary>
    public string Name { get; }

    public Tensor Weight { get; }

    public Tensor VisibleBias { get; }

    public Tensor HiddenBias { get; }

    public int VisibleSize => Weight.Size(1);

    public int HiddenSize => Weight.Size(0);

    /// <summary>
    /// The free energy F(v) = −log Σ_h e^{−E(v, h)} per example [N] (GBC eq. 18.5 context, §20.2), so that
    /// p(v) = e^{−F(v)}/Z; differentiable w.r.t. the parameters.
    /// </summary>
    public abstract Tensor FreeEnergy(Tensor visible);

    /// <summary>log Σ_v e^{−E(v, h)} per hidden configuration [M] (the visible units summed or integrated out), for exact Z.</summary>
    public abstract Tensor HiddenLogMarginal(Tensor hidden);

    /// <summary>E[v | h] per example.</summary>
    public abstract Tensor VisibleMean(Tensor hidden);

    /// <summary>A draw of v ~ p(v | h).</summary>
    public abstract Tensor SampleVisible(Tensor hidden, Generator generator);

    /// <summary>Starting points for persistent chains when no data is given (GBC Alg. 18.3: random values).</summary>
    public abstract Tensor RandomVisible(int count, Generator generator);

    /// <summary>p(hⱼ = 1 | v) = σ(cⱼ + Wⱼ·v) for each example and hidden unit (GBC eq. 20.14).</summary>
    public Tensor HiddenProbabilities(Tensor visible) => HiddenInput(visible).Sigmoid();

    /// <summary>A draw of h ~ p(h | v).</summary>
    public Tensor SampleHidden(Tensor visible, Generator generator) => SampleBernoulli(HiddenProbabilities(visible), generator);

    /// <summary><paramref name="steps"/> rounds of block Gibbs sampling v → h → v (GBC §17.4), without recording gradients.</summary>
    public Tensor Gibbs(Tensor visible, int steps, Generator generator)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), $"{Name}: Gibbs steps must be ≥ 0, got {steps}.");
        using var _ = Autograd.NoGrad();
        var v = visible.Detach();
        for (int s = 0; s < steps; s++) v = SampleVisible(SampleHidden(v, generator), generator);
        return v;
    }

    /// <summary>The weight of the upward pass, W unless the hidden units see the visible layer more than once.</summary>
    protected virtual Tensor UpwardWeight => Weight;

    /// <summary>
    /// The upward pass σ(c + Wv) as Linear + Sigmoid holding copies of W and c (W scaled as <see cref="UpwardWeight"/>,
    /// so it computes <see cref="HiddenProbabilities"/>): the recognition layer of a DBN, and the start of a
    /// feed-forward network for fine-tuning (GBC §20.3).
    /// </summary>
    public Sequential RecognitionLayer()
    {
        var upward = new Linear(VisibleSize, HiddenSize, dtype: Weight.DType);
        using (Autograd.NoGrad())
        {
            upward.Weight.CopyFrom(UpwardWeight);
            upward.Bias!.CopyFrom(HiddenBias);
        }
        return new Sequential(upward, new Sigmoid());
    }

    /// <summary>The pre-activations of the visible units given h: b + Wᵀh.</summary>
    protected Tensor VisibleInput(Tensor hidden)
    {
        if (hidden.Rank != 2 || hidden.Size(1) != HiddenSize)
            throw new ArgumentException($"{Name}: expected hidden states [N, {HiddenSize}], got {hidden.ShapeText}.");
        return hidden.MatMul(Weight) + VisibleBias;
    }

    /// <summary>The pre-activations of the hidden units given v: c + Wv.</summary>
    protected virtual Tensor HiddenInput(Tensor visible) => Functional.Linear(RequireVisible(visible), Weight, HiddenBias);

    /// <summary>Σⱼ ζ(cⱼ + Wⱼ·v): the hidden units summed out of e^{−E}, the term every RBM's free energy shares.</summary>
    protected Tensor HiddenSoftplusSum(Tensor visible) => HiddenInput(visible).Softplus().Sum(1);

    protected Tensor RequireVisible(Tensor visible)
    {
        if (visible.Rank != 2 || visible.Size(1) != VisibleSize)
            throw new ArgumentException($"{Name}: expected visible states [N, {VisibleSize}], got {visible.ShapeText}.");
        return visible;
    }

    /// <summary>1 where a uniform draw falls below p (the same rule as torch.bernoulli), in p's dtype.</summary>
    protected static Tensor SampleBernoulli(Tensor probabilities, Generator generator) => BinaryUnits.Sample(probabilities, generator);
}

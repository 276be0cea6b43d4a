using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// A deep Boltzmann machine with two hidden layers (GBC §20.4; Salakhutdinov &amp; Hinton 2009): binary v [visible],
/// h⁽¹⁾ [hidden1], h⁽²⁾ [hidden2], and every connection undirected, with the energy (GBC eq. 20.25 plus biases)
/// E(v, h⁽¹⁾, h⁽²⁾) = −bᵀv − c⁽¹⁾ᵀh⁽¹⁾ − c⁽²⁾ᵀh⁽²⁾ − h⁽¹⁾ᵀW⁽¹⁾v − h⁽²⁾ᵀW⁽²⁾h⁽¹⁾.
/// The layers form a bipartite graph (odd layer h⁽¹⁾ against even layers v, h⁽²⁾), so each half is sampled in one
/// block (GBC §20.4.1). Parameters: "weight_1" W⁽¹⁾ [hidden1, visible] and "weight_2" W⁽²⁾ [hidden2, hidden1] in
/// PyTorch's Linear layout, "visible_bias" b, "hidden_bias_1" c⁽¹⁾, "hidden_bias_2" c⁽²⁾. Unlike a DBN the posterior
/// over the hidden layers does not factorise, so the positive phase uses the mean-field approximation
/// (<see cref="MeanField"/>) and the negative phase persistent Gibbs chains (<see cref="DeepBoltzmannTraining"/>).
/// </summary>
public sealed class DeepBoltzmannMachine : Module
{
    private const string Name = "DeepBoltzmannMachine";

    public DeepBoltzmannMachine(int visible, int hidden1, int hidden2, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (visible < 1 || hidden1 < 1 || hidden2 < 1)
            throw new ArgumentException($"{Name}: layer sizes must be positive, got {visible}, {hidden1} and {hidden2}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{Name}: dtype must be float32 or float64, got {dtype.Name()}.");
        // N(0, 0.01²) weights and zero biases, as for the RBM (Hinton's practical guide §8).
        Weight1 = RegisterParameter("weight_1", Init.Normal(Tensor.Zeros([hidden1, visible], dtype), 0, 0.01, generator));
        Weight2 = RegisterParameter("weight_2", Init.Normal(Tensor.Zeros([hidden2, hidden1], dtype), 0, 0.01, generator));
        VisibleBias = RegisterParameter("visible_bias", Tensor.Zeros([visible], dtype));
        HiddenBias1 = RegisterParameter("hidden_bias_1", Tensor.Zeros([hidden1], dtype));
        HiddenBias2 = RegisterParameter("hidden_bias_2", Tensor.Zeros([hidden2], dtype));
    }

    public Tensor Weight1 { get; }

    public Tensor Weight2 { get; }

    public Tensor VisibleBias { get; }

    public Tensor HiddenBias1 { get; }

    public Tensor HiddenBias2 { get; }

    public int VisibleSize => Weight1.Size(1);

    public int Hidden1Size => Weight1.Size(0);

    public int Hidden2Size => Weight2.Size(0);

    /// <summary>
    /// A DBM made of two RBMs trained greedily (GBC §20.4.5): W⁽¹⁾, b from the bottom RBM (trained on v), W⁽²⁾, c⁽²⁾ from
    /// the top one (trained on the bottom one's hidden probabilities). h⁽¹⁾ is the hidden layer of the first and the visible
    /// layer of the second, so its bias is the mean of the two. Composed from plain RBMs, h⁽¹⁾ gets input from both sides
    /// and counts the evidence twice; <see cref="Pretrain"/> with <c>doubledWeights</c> trains the RBMs that correct that
    /// (Salakhutdinov &amp; Hinton 2009). Either way the composition is a starting point for joint training.
    /// </summary>
    public static DeepBoltzmannMachine FromRbms(BernoulliRbm bottom, BernoulliRbm top)
    {
        ArgumentNullException.ThrowIfNull(bottom);
        ArgumentNullException.ThrowIfNull(top);
        if (top.VisibleSize != bottom.HiddenSize)
            throw new ArgumentException($"{Name}.FromRbms: the top RBM has {top.VisibleSize} visible units but the bottom RBM has {bottom.HiddenSize} hidden units; they must match.");
        var dbm = new DeepBoltzmannMachine(bottom.VisibleSize, bottom.HiddenSize, top.HiddenSize, bottom.Weight.DType);
        using (Autograd.NoGrad())
        {
            dbm.Weight1.CopyFrom(bottom.Weight);
            dbm.Weight2.CopyFrom(top.Weight.To(bottom.Weight.DType));
            dbm.VisibleBias.CopyFrom(bottom.VisibleBias);
            dbm.HiddenBias1.CopyFrom((bottom.HiddenBias + top.VisibleBias.To(bottom.Weight.DType)) * 0.5);
            dbm.HiddenBias2.CopyFrom(top.HiddenBias.To(bottom.Weight.DType));
        }
        return dbm;
    }

    /// <summary>
    /// Greedy pretraining: a CD-k RBM on the data, another on its hidden probabilities, composed by <see cref="FromRbms"/>.
    /// With <paramref name="doubledWeights"/> (Salakhutdinov &amp; Hinton 2009, §3.1) the bottom RBM has two tied copies of
    /// the visible layer (its up-weights count double: p(h⁽¹⁾ | v) = σ(c + 2W⁽¹⁾v)) and the top RBM two tied copies of its
    /// hidden layer (its down-weights count double: p(h⁽¹⁾ | h⁽²⁾) = σ(b + 2W⁽²⁾ᵀh⁽²⁾)), making up for the direction each
    /// RBM lacks; the second RBM trains on the first's (doubled) hidden probabilities. The DBM keeps W⁽¹⁾ and W⁽²⁾ as
    /// trained, so its middle layer hears W⁽¹⁾v + W⁽²⁾ᵀh⁽²⁾, the average of the two doubled inputs it was pretrained on.
    /// </summary>
    public static DeepBoltzmannMachine Pretrain(Tensor data, int hidden1, int hidden2, int epochs, int batchSize = 20, double lr = 0.1,
        int cdSteps = 1, Generator? generator = null, bool doubledWeights = false)
    {
        int copies = doubledWeights ? 2 : 1;
        var bottom = GreedyLayerwise.TrainRbm(data, hidden1, epochs, batchSize, lr, cdSteps, generator, visibleCopies: copies);
        Tensor features;
        using (Autograd.NoGrad()) features = bottom.HiddenProbabilities(data).Detach();
        return FromRbms(bottom, GreedyLayerwise.TrainRbm(features, hidden2, epochs, batchSize, lr, cdSteps, generator, hiddenCopies: copies));
    }

    /// <summary>E(v, h⁽¹⁾, h⁽²⁾) per example [N]; the states may be binary or mean-field probabilities in [0, 1].</summary>
    public Tensor Energy(Tensor visible, Tensor hidden1, Tensor hidden2)
    {
        Require(visible, VisibleSize, "visible");
        Require(hidden1, Hidden1Size, "hidden1");
        Require(hidden2, Hidden2Size, "hidden2");
        if (hidden1.Size(0) != visible.Size(0) || hidden2.Size(0) != visible.Size(0))
            throw new ArgumentException($"{Name}: the layers hold different numbers of examples: {visible.ShapeText}, {hidden1.ShapeText}, {hidden2.ShapeText}.");
        var interaction = (Functional.Linear(visible, Weight1) * hidden1).Sum(1) + (Functional.Linear(hidden1, Weight2) * hidden2).Sum(1);
        return -(visible.MatMul(VisibleBias) + hidden1.MatMul(HiddenBias1) + hidden2.MatMul(HiddenBias2) + interaction);
    }

    /// <summary>p(h⁽¹⁾ = 1 | v, h⁽²⁾) = σ(c⁽¹⁾ + W⁽¹⁾v + W⁽²⁾ᵀh⁽²⁾): the middle layer hears both neighbours (GBC eq. 20.27).</summary>
    public Tensor Hidden1Probabilities(Tensor visible, Tensor hidden2)
        => (Functional.Linear(Require(visible, VisibleSize, "visible"), Weight1, HiddenBias1) + Require(hidden2, Hidden2Size, "hidden2").MatMul(Weight2)).Sigmoid();

    /// <summary>p(v = 1 | h⁽¹⁾) = σ(b + W⁽¹⁾ᵀh⁽¹⁾).</summary>
    public Tensor VisibleProbabilities(Tensor hidden1) => (Require(hidden1, Hidden1Size, "hidden1").MatMul(Weight1) + VisibleBias).Sigmoid();

    /// <summary>p(h⁽²⁾ = 1 | h⁽¹⁾) = σ(c⁽²⁾ + W⁽²⁾h⁽¹⁾).</summary>
    public Tensor Hidden2Probabilities(Tensor hidden1) => Functional.Linear(Require(hidden1, Hidden1Size, "hidden1"), Weight2, HiddenBias2).Sigmoid();

    /// <summary>
    /// Variational mean-field inference (GBC §20.4.2, eq. 20.29–20.30, Alg. 20.1): the factorial q(h⁽¹⁾, h⁽²⁾ | v) =
    /// Πⱼ ĥ⁽¹⁾ⱼ … that maximises the bound <see cref="VariationalBound"/> satisfies ĥ⁽¹⁾ = σ(c⁽¹⁾ + W⁽¹⁾v + W⁽²⁾ᵀĥ⁽²⁾)
    /// and ĥ⁽²⁾ = σ(c⁽²⁾ + W⁽²⁾ĥ⁽¹⁾). Starting from a bottom-up pass, the two updates alternate; each is the exact
    /// maximiser of the bound over its layer with the other fixed, so the bound never decreases. Iteration stops when no
    /// probability moves more than <paramref name="tolerance"/>. Not recorded for gradients: the positive phase treats
    /// q as constant (GBC §20.4.4).
    /// </summary>
    public MeanFieldPosterior MeanField(Tensor visible, int maxIterations = 100, double tolerance = 1e-6)
    {
        if (maxIterations < 1 || !(tolerance > 0))
            throw new ArgumentOutOfRangeException(nameof(maxIterations), $"{Name}.MeanField: need maxIterations ≥ 1 and tolerance > 0, got {maxIterations} and {tolerance}.");
        using var _ = Autograd.NoGrad();
        var v = Require(visible, VisibleSize, "visible").Detach();
        var mu1 = Functional.Linear(v, Weight1, HiddenBias1).Sigmoid();
        var mu2 = Hidden2Probabilities(mu1);
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            var next1 = Hidden1Probabilities(v, mu2);
            var next2 = Hidden2Probabilities(next1);
            double change = Math.Max((next1 - mu1).Abs().Max().Item(), (next2 - mu2).Abs().Max().Item());
            (mu1, mu2) = (next1, next2);
            if (change <= tolerance) return new MeanFieldPosterior(mu1, mu2, iteration, true);
        }
        return new MeanFieldPosterior(mu1, mu2, maxIterations, false);
    }

    /// <summary>
    /// The evidence lower bound before the partition function, per example [N] (GBC eq. 19.11 with eq. 20.25):
    /// L̃(v, q) = E_q[−E(v, h)] + H(q) = −E(v, ĥ⁽¹⁾, ĥ⁽²⁾) + Σ H(ĥ), because E is linear in each layer and q is
    /// factorial. log p(v) ≥ L̃(v, q) − log Z for every q, with equality only if q is the true posterior.
    /// </summary>
    public Tensor VariationalBound(Tensor visible, MeanFieldPosterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        return -Energy(visible, posterior.Hidden1, posterior.Hidden2) + BinaryEntropy(posterior.Hidden1) + BinaryEntropy(posterior.Hidden2);
    }

    /// <summary>
    /// One sweep of block Gibbs sampling over the bipartite layers: h⁽¹⁾ ~ p(h⁽¹⁾ | v, h⁽²⁾), then v ~ p(v | h⁽¹⁾) and
    /// h⁽²⁾ ~ p(h⁽²⁾ | h⁽¹⁾) together (GBC §20.4.1). Not recorded for gradients.
    /// </summary>
    public DbmState GibbsSweep(DbmState state, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var _ = Autograd.NoGrad();
        var h1 = Bernoulli(Hidden1Probabilities(state.Visible, state.Hidden2), generator);
        return new DbmState(Bernoulli(VisibleProbabilities(h1), generator), h1, Bernoulli(Hidden2Probabilities(h1), generator));
    }

    /// <summary><paramref name="count"/> chains with every unit on with probability ½ (GBC Alg. 18.3: random starts).</summary>
    public DbmState RandomState(int count, Generator generator)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"{Name}: chain count must be positive, got {count}.");
        var dtype = Weight1.DType;
        return new DbmState(Bernoulli(Tensor.Full([count, VisibleSize], 0.5, dtype), generator),
            Bernoulli(Tensor.Full([count, Hidden1Size], 0.5, dtype), generator), Bernoulli(Tensor.Full([count, Hidden2Size], 0.5, dtype), generator));
    }

    /// <summary>−μ log μ − (1 − μ) log(1 − μ) summed over units, 0 at μ ∈ {0, 1}.</summary>
    private static Tensor BinaryEntropy(Tensor mu) => -(mu.Xlogy(mu) + (1 - mu).Xlogy(1 - mu)).Sum(1);

    private static Tensor Bernoulli(Tensor probabilities, Generator generator) => BinaryUnits.Sample(probabilities, generator);

    private static Tensor Require(Tensor states, int size, string layer)
    {
        if (states.Rank != 2 || states.Size(1) != size)
            throw new ArgumentException($"{Name}: expected {layer} states [N, {size}], got {states.ShapeText}.");
        return states;
    }
}

using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// A deep belief network (GBC §20.3; Hinton, Osindero &amp; Teh 2006): binary layers v, h⁽¹⁾, …, h⁽ˡ⁾ whose top two
/// layers form an undirected RBM and whose lower connections point down, p(h⁽ᵏ⁻¹⁾ | h⁽ᵏ⁾) = σ(b⁽ᵏ⁾ + W⁽ᵏ⁾ᵀh⁽ᵏ⁾)
/// (GBC eq. 20.17–20.18, with h⁽⁰⁾ = v). Layer k is the binary RBM "layers.k" (weight [hidden, visible]); its visible
/// bias is the directed layer's bias, its weight and hidden bias also give the recognition pass
/// q(h⁽ᵏ⁾ | h⁽ᵏ⁻¹⁾) = σ(c⁽ᵏ⁾ + W⁽ᵏ⁾h⁽ᵏ⁻¹⁾) used for greedy training and to start a feed-forward classifier
/// (GBC §20.3: "initialize an MLP with the DBN's weights and biases").
/// </summary>
public sealed class DeepBeliefNetwork : Module
{
    private readonly ModuleList<BernoulliRbm> layers;

    public DeepBeliefNetwork(params IEnumerable<BernoulliRbm> rbms)
    {
        layers = RegisterModule("layers", new ModuleList<BernoulliRbm>(rbms));
        if (layers.Count == 0) throw new ArgumentException("DeepBeliefNetwork: give at least one RBM layer.");
        for (int k = 1; k < layers.Count; k++)
            if (layers[k].VisibleSize != layers[k - 1].HiddenSize)
                throw new ArgumentException($"DeepBeliefNetwork: layer {k} has {layers[k].VisibleSize} visible units but layer {k - 1} has {layers[k - 1].HiddenSize} hidden units; they must match.");
    }

    public IReadOnlyList<BernoulliRbm> Layers => layers;

    public int VisibleSize => layers[0].VisibleSize;

    /// <summary>
    /// Greedy layer-wise training (GBC §20.3, Alg. 15.1): an RBM with <c>hiddenSizes[0]</c> units on the data, then each
    /// next RBM on the hidden probabilities the layers below infer, each by <see cref="GreedyLayerwise.TrainRbm"/>.
    /// </summary>
    public static DeepBeliefNetwork Pretrain(Tensor data, IReadOnlyList<int> hiddenSizes, int epochs, int batchSize = 20,
        double lr = 0.1, int cdSteps = 1, Generator? generator = null)
    {
        var rbms = new List<BernoulliRbm>();
        GreedyLayerwise.Pretrain(data, [.. hiddenSizes.Select(hidden => (Func<Tensor, Module<Tensor, Tensor>>)(input =>
        {
            var rbm = GreedyLayerwise.TrainRbm(input, hidden, epochs, batchSize, lr, cdSteps, generator);
            rbms.Add(rbm);
            return rbm.RecognitionLayer();
        }))]);
        return new DeepBeliefNetwork(rbms);
    }

    /// <summary>The recognition pass's probabilities at the top layer, σ(c⁽ˡ⁾ + W⁽ˡ⁾ … σ(c⁽¹⁾ + W⁽¹⁾v)).</summary>
    public Tensor Up(Tensor visible)
    {
        var h = visible;
        foreach (var rbm in layers) h = rbm.HiddenProbabilities(h);
        return h;
    }

    /// <summary>
    /// Ancestral sampling (GBC §20.3): <paramref name="gibbsSteps"/> rounds of block Gibbs sampling in the top RBM from
    /// random states, then one draw down each directed layer. Returns binary visible states [count, visible], or with
    /// <paramref name="means"/> the last layer's probabilities p(v = 1 | h⁽¹⁾) instead of a draw (smoother images).
    /// </summary>
    public Tensor Sample(int count, int gibbsSteps, Generator generator, bool means = false)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"DeepBeliefNetwork: sample count must be positive, got {count}.");
        using var _ = Autograd.NoGrad();
        var top = layers[^1];
        var h = top.Gibbs(top.RandomVisible(count, generator), gibbsSteps, generator);
        for (int k = layers.Count - 2; k >= 0; k--)
            h = means && k == 0 ? layers[k].VisibleMean(h) : layers[k].SampleVisible(h, generator);
        return means && layers.Count == 1 ? top.VisibleMean(top.SampleHidden(h, generator)) : h;
    }

    /// <summary>The recognition pass as a feed-forward network (Linear + Sigmoid per layer, copies of W and c) for fine-tuning.</summary>
    public Sequential ToFeedForward() => new([.. layers.Select(rbm => (Module<Tensor, Tensor>)rbm.RecognitionLayer())]);
}

using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Generative;

/// <summary>
/// Greedy layer-wise unsupervised pretraining (GBC Alg. 15.1; Hinton et al. 2006, Bengio et al. 2007): each learner
/// fits one layer to the representation the previous layers produce, f⁽ᵏ⁾ = L(X̃), then X̃ ← f⁽ᵏ⁾(X̃), and the result is
/// the composition f⁽ᵐ⁾ ∘ … ∘ f⁽¹⁾ as a <see cref="Sequential"/> ready for supervised fine-tuning (add a head and train
/// it with the <see cref="Training.Trainer"/>, the algorithm's last step). <see cref="Autoencoder"/> gives a learner
/// that trains a sigmoid autoencoder layer (stacked autoencoders), <see cref="Rbm"/> one that trains a binary RBM and
/// keeps its upward pass σ(c + Wv) (the layers of a DBN).
/// </summary>
public static class GreedyLayerwise
{
    /// <summary>Runs the learners in order on <paramref name="input"/> [N, features]; returns the stacked encoders.</summary>
    public static Sequential Pretrain(Tensor input, IReadOnlyList<Func<Tensor, Module<Tensor, Tensor>>> learners)
    {
        if (input.Rank != 2) throw new ArgumentException($"GreedyLayerwise: expected training data [N, features], got {input.ShapeText}.");
        if (learners.Count == 0) throw new ArgumentException("GreedyLayerwise: give at least one layer learner.");
        var stack = new Sequential();
        var representation = input.Detach();
        foreach (var learner in learners)
        {
            var layer = learner(representation);
            stack.Add(layer);
            using var _ = Autograd.NoGrad();
            using (layer.EvalScope()) representation = layer.Forward(representation).Detach();
        }
        return stack;
    }

    /// <summary>
    /// A learner that trains Linear(in, code) + Sigmoid against a Linear(code, in) + Sigmoid decoder on the mean squared
    /// error (Adam, shuffled minibatches from <paramref name="generator"/>) and returns the encoder.
    /// </summary>
    public static Func<Tensor, Module<Tensor, Tensor>> Autoencoder(int codeSize, int epochs, int batchSize = 32, double lr = 1e-3, Generator? generator = null)
        => data =>
        {
            var g = generator ?? Generator.Default;
            int inputs = data.Size(1);
            var encoder = new Sequential(new Linear(inputs, codeSize, dtype: data.DType, generator: g), new Sigmoid());
            var model = new Autoencoder(encoder, new Sequential(new Linear(codeSize, inputs, dtype: data.DType, generator: g), new Sigmoid()));
            Train(data, epochs, batchSize, new Adam(model.Parameters(), lr: lr), g, x => Losses.MSE(model.Forward(x), x));
            return encoder;
        };

    /// <summary>
    /// A learner that trains a binary RBM by <see cref="TrainRbm"/> and returns its upward pass σ(c + Wv) as Linear +
    /// Sigmoid (a DBN layer; the next RBM models these probabilities).
    /// </summary>
    public static Func<Tensor, Module<Tensor, Tensor>> Rbm(int hidden, int epochs, int batchSize = 20, double lr = 0.1, int cdSteps = 1, Generator? generator = null)
        => data => TrainRbm(data, hidden, epochs, batchSize, lr, cdSteps, generator).RecognitionLayer();

    /// <summary>
    /// A binary RBM with <paramref name="hidden"/> units trained on <paramref name="data"/> (values in [0, 1]) by CD-k
    /// and SGD with momentum 0.5, visible biases started at the data's base rates (Hinton's practical guide §8–9).
    /// </summary>
    /// <param name="visibleCopies">m_v of <see cref="BernoulliRbm"/>: 2 for a DBM's bottom RBM with doubled up-weights</param>
    /// <param name="hiddenCopies">m_h of <see cref="BernoulliRbm"/>: 2 for a DBM's top RBM with doubled down-weights</param>
    public static BernoulliRbm TrainRbm(Tensor data, int hidden, int epochs, int batchSize = 20, double lr = 0.1, int cdSteps = 1, Generator? generator = null,
        int visibleCopies = 1, int hiddenCopies = 1)
    {
        var g = generator ?? Generator.Default;
        var rbm = new BernoulliRbm(data.Size(1), hidden, data.DType, g, visibleCopies, hiddenCopies);
        using (Autograd.NoGrad()) rbm.VisibleBias.CopyFrom(AnnealedImportanceSampling.BaseRateBiases(data).To(data.DType));
        var cd = new ContrastiveDivergence(cdSteps);
        Train(data, epochs, batchSize, new SGD(rbm.Parameters(), lr: lr, momentum: 0.5), g, x => cd.Loss(rbm, x, g));
        return rbm;
    }

    private static void Train(Tensor data, int epochs, int batchSize, Optimizer optimizer, Generator generator, Func<Tensor, Tensor> loss)
    {
        if (epochs < 0 || batchSize < 1)
            throw new ArgumentException($"GreedyLayerwise: epochs must be ≥ 0 and the batch size ≥ 1, got {epochs} and {batchSize}.");
        int n = data.Size(0);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var order = Tensor.RandPerm(n, generator);
            for (int start = 0; start < n; start += batchSize)
            {
                var batch = data.IndexSelect(0, order.Narrow(0, start, Math.Min(batchSize, n - start)));
                var value = loss(batch);
                optimizer.ZeroGrad();
                value.Backward();
                optimizer.Step();
            }
        }
    }
}

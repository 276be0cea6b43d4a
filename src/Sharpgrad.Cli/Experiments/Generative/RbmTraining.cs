using Sharpgrad.Generative;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One trained RBM's partition function (exact and AIS), log-likelihoods, filters and Gibbs samples.</summary>
public sealed record RbmRun(string Method, double ExactLogZ, AisResult Ais, double TrainLogLikelihood, double TestLogLikelihood, Tensor Filters, Tensor Samples);

/// <summary>The experiment's two runs, and the log-likelihood of independent pixels at the data's rates, for scale.</summary>
public sealed record RbmComparison(string Data, int Hidden, IReadOnlyList<RbmRun> Runs, double BaseRateTestLogLikelihood, int Height, int Width);

/// <summary>
/// Binary RBMs trained from the same initial weights with CD-1 (GBC Alg. 18.2) and PCD-1 (Alg. 18.3), with few enough
/// hidden units that Z can be enumerated, so the AIS estimate (§18.7.1, base-rate start) is checked against the truth
/// and the log-likelihoods are exact. Visible biases start at the base rates' logits (Hinton's guide §8), weights at
/// N(0, 0.01²); SGD with learning rate 0.1 and momentum 0.5 (Hinton's guide §9), which
/// gets the weights off the saddle at W = 0 within an epoch; momentum 0.9 made PCD's fast-moving chains oscillate
/// and end below the independent-pixel model. Samples are the visible means after 1000 Gibbs steps (200 in quick mode) from random states.
/// </summary>
public static class RbmTraining
{
    public static RbmComparison Run(bool quick, long seed = 0, double learningRate = 0.1, double momentum = 0.5, int? epochCount = null)
    {
        var data = GenerativeData.Load(quick, trainCount: 10000, testCount: 2000, seed: seed).Binarised();
        int hidden = quick ? 10 : 16, epochs = epochCount ?? (quick ? 6 : 5), batch = 20, aisSteps = quick ? 500 : 3000, gibbsSteps = quick ? 200 : 1000;
        var train = data.Train;
        var baseRate = AnnealedImportanceSampling.BaseRateBiases(train);
        var runs = new List<RbmRun>();
        foreach (var (method, persistent) in new[] { ("CD-1", false), ("PCD-1", true) })
        {
            var rbm = new BernoulliRbm(train.Size(1), hidden, DType.Float64, new Generator(seed));
            using (Autograd.NoGrad()) rbm.VisibleBias.CopyFrom(baseRate);
            var cd = new ContrastiveDivergence(steps: 1, persistent: persistent, chainCount: persistent ? 100 : null);
            var opt = new SGD(rbm.Parameters(), lr: learningRate, momentum: momentum);
            var g = new Generator(seed + 1);
            for (int epoch = 0; epoch < epochs; epoch++)
                foreach (var x in GenerativeData.Batches(train, batch, g))
                {
                    var loss = cd.Loss(rbm, x, g);
                    opt.ZeroGrad();
                    loss.Backward();
                    opt.Step();
                }
            using var _ = Autograd.NoGrad();
            double logZ = ExactPartitionFunction.LogZ(rbm).Item();
            var ais = AnnealedImportanceSampling.LogZ(rbm, runs: 100, AnnealedImportanceSampling.LinearSchedule(aisSteps), new Generator(seed + 2), baseRate);
            var chains = rbm.Gibbs(rbm.RandomVisible(64, new Generator(seed + 3)), gibbsSteps, new Generator(seed + 4));
            var samples = rbm.VisibleMean(rbm.HiddenProbabilities(chains));
            runs.Add(new RbmRun(method, logZ, ais, -rbm.FreeEnergy(train).Mean().Item() - logZ, -rbm.FreeEnergy(data.Test).Mean().Item() - logZ,
                rbm.Weight.Detach().Reshape(hidden, data.Height, data.Width), samples.Reshape(64, data.Height, data.Width)));
        }
        // Independent pixels at the training set's rates: the base-rate model AIS starts from.
        var p = baseRate.Sigmoid();
        double baseLl = (data.Test * p.Log() + (1 - data.Test) * (1 - p).Log()).Sum(1).Mean().Item();
        return new RbmComparison(data.Name, hidden, runs, baseLl, data.Height, data.Width);
    }
}

using Sharpgrad.Generative;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="NadeVersusRbm"/> reports, all in nats per image on the test set: NADE's exact log-likelihood after
/// each epoch, the RBM's with log Z from AIS and from enumeration, and independent pixels at the base rates; and samples.
/// </summary>
public sealed record NadeVersusRbmResult(string Data, int Hidden, double[] NadeTestLogLikelihood, double RbmExactLogZ, AisResult Ais,
    double RbmAisTestLogLikelihood, double RbmExactTestLogLikelihood, double BaseRateTestLogLikelihood, Tensor NadeSamples, Tensor RbmSamples)
{
    public double NadeFinal => NadeTestLogLikelihood[^1];
}

/// <summary>
/// NADE against the RBM on the same binarised images (Larochelle &amp; Murray 2011, their Table 2; GBC §20.10.10): NADE's
/// log-likelihood is exact (a product of conditionals, no partition function), while the RBM's needs log Z, which only
/// AIS can estimate for a realistic model (GBC §18.7.1). Both get the same number of hidden units, few enough that the
/// RBM's log Z can also be enumerated, so the AIS number is checked too. The RBM is trained as in the <c>rbm</c>
/// experiment (CD-1, SGD 0.1 with momentum 0.5, base-rate visible biases); NADE with Adam on its exact negative
/// log-likelihood.
/// </summary>
public static class NadeVersusRbm
{
    public static NadeVersusRbmResult Run(bool quick, long seed = 0)
    {
        var data = GenerativeData.Load(quick, trainCount: 10000, testCount: 2000, seed: seed).Binarised();
        int hidden = quick ? 10 : 20, nadeEpochs = quick ? 12 : 10, rbmEpochs = quick ? 6 : 5, aisSteps = quick ? 500 : 3000;
        var (train, test) = (data.Train, data.Test);

        var nade = new Nade(train.Size(1), hidden, DType.Float64, new Generator(seed));
        var opt = new Adam(nade.Parameters(), lr: quick ? 1e-2 : 3e-3);
        var order = new Generator(seed + 1);
        var nadeCurve = new double[nadeEpochs];
        for (int epoch = 0; epoch < nadeEpochs; epoch++)
        {
            GenerativeData.TrainEpoch(train, 20, order, opt, x => -nade.LogLikelihood(x).Mean());
            using var _ = Autograd.NoGrad();
            nadeCurve[epoch] = nade.LogLikelihood(test).Mean().Item();
        }

        var rbm = GreedyLayerwise.TrainRbm(train, hidden, rbmEpochs, batchSize: 20, lr: 0.1, cdSteps: 1, new Generator(seed + 2));
        using var noGrad = Autograd.NoGrad();
        var baseRate = AnnealedImportanceSampling.BaseRateBiases(train);
        double exactLogZ = ExactPartitionFunction.LogZ(rbm).Item();
        var ais = AnnealedImportanceSampling.LogZ(rbm, runs: 100, AnnealedImportanceSampling.LinearSchedule(aisSteps), new Generator(seed + 3), baseRate);
        double minusFreeEnergy = -rbm.FreeEnergy(test).Mean().Item();
        var p = baseRate.Sigmoid();
        double baseLl = (test * p.Log() + (1 - test) * (1 - p).Log()).Sum(1).Mean().Item();
        var rbmChains = rbm.Gibbs(rbm.RandomVisible(64, new Generator(seed + 4)), quick ? 200 : 1000, new Generator(seed + 5));
        return new NadeVersusRbmResult(data.Name, hidden, nadeCurve, exactLogZ, ais, minusFreeEnergy - ais.LogZ, minusFreeEnergy - exactLogZ, baseLl,
            nade.Sample(64, new Generator(seed + 6)).Reshape(64, data.Height, data.Width),
            rbm.VisibleMean(rbm.HiddenProbabilities(rbmChains)).Reshape(64, data.Height, data.Width));
    }
}

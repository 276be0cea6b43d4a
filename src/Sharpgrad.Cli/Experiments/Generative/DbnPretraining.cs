using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="DbnPretraining"/> reports: test error per fine-tuning epoch of the network started from the DBN and of
/// the same network started at random, the DBN's samples and its first layer's filters.
/// </summary>
public sealed record DbnResult(string Data, int[] HiddenSizes, int Labelled, int PretrainEpochs, double[] PretrainedTestError,
    double[] ScratchTestError, Tensor Samples, Tensor Filters);

/// <summary>
/// Greedy layer-wise pretraining then fine-tuning (GBC §15.1, Alg. 15.1; §20.3; Hinton et al. 2006): a DBN is trained
/// one RBM at a time (CD-1) on all the training images without their labels; its upward pass plus a softmax layer is
/// then fine-tuned with the labels of a small subset. The control is the same sigmoid network from PyTorch's default
/// initialisation, trained identically (Adam 5·10⁻³, the same minibatches). Unsupervised pretraining helps most where
/// labels are few and unlabelled data many (GBC §15.1.1), which is the setting here.
/// </summary>
public static class DbnPretraining
{
    private const int Classes = 10, BatchSize = 20;

    public static DbnResult Run(bool quick, long seed = 0)
    {
        var data = GenerativeData.Load(quick, trainCount: 10000, testCount: 2000, seed: seed);
        int[] hidden = quick ? [64, 32] : [256, 128];
        int labelled = quick ? 100 : 1000, pretrainEpochs = quick ? 8 : 5, fineTuneEpochs = quick ? 60 : 30;
        var (train, test) = (data.Train.Float(), data.Test.Float());
        var dbn = DeepBeliefNetwork.Pretrain(train, hidden, pretrainEpochs, BatchSize, lr: 0.1, generator: new Generator(seed));
        var scratch = new Sequential();
        var g = new Generator(seed + 1);
        for (int k = 0; k < hidden.Length; k++)
            scratch.Add(new Linear(k == 0 ? train.Size(1) : hidden[k - 1], hidden[k], generator: g)).Add(new Sigmoid());
        var (x, y) = (train.Narrow(0, 0, labelled), data.TrainLabels.Narrow(0, 0, labelled));
        double[] FineTune(Sequential body)
        {
            var net = body.Add(new Linear(hidden[^1], Classes, generator: new Generator(seed + 2)));
            var opt = new Adam(net.Parameters(), lr: 5e-3);
            var order = new Generator(seed + 3);
            var errors = new double[fineTuneEpochs];
            var rowNumbers = Tensor.Arange(0, labelled, dtype: DType.Int64).Unsqueeze(1);
            for (int epoch = 0; epoch < fineTuneEpochs; epoch++)
            {
                GenerativeData.TrainEpoch(rowNumbers, BatchSize, order, opt, rows =>
                    Losses.CrossEntropy(net.Forward(x.IndexSelect(0, rows.Squeeze(1))), y.IndexSelect(0, rows.Squeeze(1))));
                using var _ = Autograd.NoGrad();
                errors[epoch] = 1 - net.Forward(test).ArgMax(1).Eq(data.TestLabels).Double().Mean().Item();
            }
            return errors;
        }
        var pretrained = FineTune(dbn.ToFeedForward());
        var fromScratch = FineTune(scratch);
        var samples = dbn.Sample(64, gibbsSteps: quick ? 200 : 1000, new Generator(seed + 4), means: true).Reshape(64, data.Height, data.Width);
        var filters = dbn.Layers[0].Weight.Detach().Narrow(0, 0, Math.Min(32, hidden[0])).Reshape(Math.Min(32, hidden[0]), data.Height, data.Width);
        return new DbnResult(data.Name, hidden, labelled, pretrainEpochs, pretrained, fromScratch, samples, filters);
    }
}

using Sharpgrad.Classic;
using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Test reconstruction error (mean squared error per pixel) of the deep autoencoder and of PCA at one code size.</summary>
public sealed record CodeSizeComparison(int CodeSize, double AutoencoderMse, double PcaMse);

/// <summary>What <see cref="AutoencoderVsPca"/> reports: the errors per code size and both 2-D codes of the test images.</summary>
public sealed record AutoencoderVsPcaResult(string Data, int[] HiddenSizes, int Epochs, IReadOnlyList<CodeSizeComparison> Sizes,
    Tensor AutoencoderCodes, Tensor PcaCodes, Tensor TestLabels);

/// <summary>
/// GBC §14.9 after Hinton &amp; Salakhutdinov (2006): a deep autoencoder reconstructs images better than PCA with the
/// same number of code units, because its code is a nonlinear function of the input (PCA is the optimal *linear*
/// autoencoder, GBC §14.1). The encoder is d → h₁ → h₂ → code (ReLU, linear code), the decoder its mirror with a sigmoid
/// output; trained with Adam on the MSE (no RBM pretraining: with ReLUs and Adam it is not needed to get past the
/// saturation that made H&amp;S pretrain). PCA is fitted on the same training images. Both are scored on the test set.
/// </summary>
public static class AutoencoderVsPca
{
    public static readonly int[] CodeSizes = [2, 10, 30];

    /// <summary>The quick mode (digits) compares code size 2 only: 30 of the digits' 64 dimensions leave PCA almost nothing to lose.</summary>
    public static int[] CodeSizesFor(bool quick) => quick ? [2] : CodeSizes;

    public static AutoencoderVsPcaResult Run(bool quick, long seed = 0)
    {
        var data = GenerativeData.Load(quick, trainCount: 20000, testCount: 2000, seed: seed);
        int[] hidden = quick ? [96, 64] : [512, 128];
        int epochs = quick ? 25 : 30, batch = quick ? 64 : 100;
        var (train, test) = (data.Train.Float(), data.Test.Float());
        var sizes = new List<CodeSizeComparison>();
        Tensor? aeCodes = null, pcaCodes = null;
        foreach (int code in CodeSizesFor(quick))
        {
            var g = new Generator(seed + code);
            var encoder = Mlp([train.Size(1), .. hidden, code], g);
            var decoder = new Sequential(Mlp([code, .. hidden.Reverse(), train.Size(1)], g), new Sigmoid());
            var model = new Autoencoder(encoder, decoder);
            var opt = new Adam(model.Parameters(), lr: 1e-3);
            for (int epoch = 0; epoch < epochs; epoch++)
                GenerativeData.TrainEpoch(train, batch, g, opt, x => Losses.MSE(model.Forward(x), x));
            var pca = new PCA(code);
            pca.Fit(train.Double());
            using var _ = Autograd.NoGrad();
            double aeMse = Losses.MSE(model.Forward(test), test).Item();
            double pcaMse = (pca.InverseTransform(pca.Transform(test.Double())) - test.Double()).Square().Mean().Item();
            sizes.Add(new CodeSizeComparison(code, aeMse, pcaMse));
            if (code == 2) (aeCodes, pcaCodes) = (encoder.Forward(test).Double(), pca.Transform(test.Double()));
        }
        return new AutoencoderVsPcaResult(data.Name, hidden, epochs, sizes, aeCodes!, pcaCodes!, data.TestLabels);
    }

    /// <summary>Linear layers of the given widths with ReLU between them (none after the last).</summary>
    private static Sequential Mlp(int[] widths, Generator g)
    {
        var net = new Sequential();
        for (int k = 0; k + 1 < widths.Length; k++)
        {
            if (k > 0) net.Add(new ReLU());
            net.Add(new Linear(widths[k], widths[k + 1], generator: g));
        }
        return net;
    }
}

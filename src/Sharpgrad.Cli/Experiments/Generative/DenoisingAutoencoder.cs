using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="DenoisingAutoencoder"/> reports: the test error against the clean images of the corrupted input
/// itself, of a plain autoencoder and of the denoising one (both fed the corrupted input), and the images of the grids.
/// </summary>
public sealed record DenoisingResult(string Data, string Corruption, double NoisyMse, double PlainMse, double DenoisingMse,
    Tensor Noisy, Tensor Reconstruction, Tensor Clean, int Height, int Width);

/// <summary>
/// The denoising autoencoder (GBC §14.5; Vincent et al. 2008): trained to map a corrupted x̃ ~ C(x̃ | x) back to the clean
/// x, it learns a vector field pointing toward the data manifold, so at test time it removes corruption it was not shown
/// for these particular images. Masking noise zeroes each pixel with probability ½ (not rescaled, unlike dropout: the
/// autoencoder must fill the value in). A plain autoencoder of the same shape, trained on clean images from the same
/// start, is the control: it has only learned to copy, so it reproduces much of the corruption.
/// </summary>
public static class DenoisingAutoencoder
{
    public const double MaskProbability = 0.5;
    public const int GridImages = 10;

    public static DenoisingResult Run(bool quick, long seed = 0)
    {
        var data = GenerativeData.Load(quick, trainCount: 10000, testCount: 2000, seed: seed);
        int hidden = quick ? 64 : 256, epochs = quick ? 30 : 15, batch = quick ? 64 : 100;
        var (train, test) = (data.Train.Float(), data.Test.Float());
        var corruption = new MaskingNoise(MaskProbability);
        Autoencoder Train(bool denoising)
        {
            var g = new Generator(seed);
            int d = train.Size(1);
            var model = new Autoencoder(new Sequential(new Linear(d, hidden, generator: g), new ReLU()),
                new Sequential(new Linear(hidden, d, generator: g), new Sigmoid()));
            var opt = new Adam(model.Parameters(), lr: 1e-3);
            var noise = new Generator(seed + 1);
            for (int epoch = 0; epoch < epochs; epoch++)
                GenerativeData.TrainEpoch(train, batch, g, opt, x => Losses.MSE(model.Forward(denoising ? corruption.Corrupt(x, noise) : x), x));
            return model;
        }
        var plain = Train(denoising: false);
        var dae = Train(denoising: true);
        using var _ = Autograd.NoGrad();
        var noisy = corruption.Corrupt(test, new Generator(seed + 2));
        var reconstruction = dae.Forward(noisy);
        Tensor Images(Tensor rows) => rows.Narrow(0, 0, GridImages).Reshape(GridImages, data.Height, data.Width);
        return new DenoisingResult(data.Name, corruption.ToString()!, Losses.MSE(noisy, test).Item(), Losses.MSE(plain.Forward(noisy), test).Item(),
            Losses.MSE(reconstruction, test).Item(), Images(noisy), Images(reconstruction), Images(test), data.Height, data.Width);
    }
}

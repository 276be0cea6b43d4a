using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// The DCGAN pair of Radford et al. (2016) for 28×28 images (Fashion-MNIST): no fully connected layers, strided
/// (transposed) convolutions instead of pooling, batch norm everywhere except the generator's output and the
/// discriminator's input, ReLU in the generator with tanh at its output, LeakyReLU(0.2) in the discriminator, and
/// weights drawn from N(0, 0.02) (batch-norm scales from N(1, 0.02)). The generator maps z [N, latent, 1, 1] to images
/// [N, C, 28, 28] in [−1, 1] through 7×7 and 14×14 maps; the discriminator mirrors it and returns logits [N].
/// (NYU's DCGAN code swaps the two networks' activations, a misprint.)
/// </summary>
public static class Dcgan
{
    public const int ImageSize = 28;

    /// <param name="latentSize">the length of z</param>
    /// <param name="channels">image channels (1 for Fashion-MNIST)</param>
    /// <param name="features">the width of the last hidden layer (the first has 2× as many)</param>
    public static Sequential CreateGenerator(int latentSize, int channels = 1, int features = 32, Generator? generator = null)
    {
        RequirePositive(latentSize, channels, features);
        var net = new Sequential(
            new ConvTranspose2d(latentSize, 2 * features, kernelSize: 7, bias: false),                  // 1 → 7
            new BatchNorm2d(2 * features), new ReLU(),
            new ConvTranspose2d(2 * features, features, kernelSize: 4, stride: 2, padding: 1, bias: false), // 7 → 14
            new BatchNorm2d(features), new ReLU(),
            new ConvTranspose2d(features, channels, kernelSize: 4, stride: 2, padding: 1),               // 14 → 28
            new Tanh());
        Initialise(net, generator);
        return net;
    }

    public static Sequential CreateDiscriminator(int channels = 1, int features = 32, Generator? generator = null)
    {
        RequirePositive(1, channels, features);
        var net = new Sequential(
            new Conv2d(channels, features, kernelSize: 4, stride: 2, padding: 1),                        // 28 → 14, no batch norm
            new LeakyReLU(0.2),
            new Conv2d(features, 2 * features, kernelSize: 4, stride: 2, padding: 1, bias: false),       // 14 → 7
            new BatchNorm2d(2 * features), new LeakyReLU(0.2),
            new Conv2d(2 * features, 1, kernelSize: 7),                                                  // 7 → 1
            new Flatten(0));
        Initialise(net, generator);
        return net;
    }

    /// <summary>Radford et al.'s initialisation: convolution weights N(0, 0.02), batch-norm γ ~ N(1, 0.02), biases 0.</summary>
    public static void Initialise(Module model, Generator? generator = null)
    {
        foreach (var (name, parameter) in model.NamedParameters())
        {
            bool normScale = parameter.Rank == 1 && name.EndsWith("weight", StringComparison.Ordinal);
            if (parameter.Rank > 1) Init.Normal(parameter, 0, 0.02, generator);
            else if (normScale) Init.Normal(parameter, 1, 0.02, generator);
            else Init.Zeros(parameter);
        }
    }

    private static void RequirePositive(int latentSize, int channels, int features)
    {
        if (latentSize < 1 || channels < 1 || features < 1)
            throw new ArgumentException($"Dcgan: latent size, channels and features must be positive, got {latentSize}, {channels}, {features}.");
    }
}

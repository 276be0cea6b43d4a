using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    // One entry per layer of the convolutional part: a width w > 0 is a 3×3 conv to w channels (padding 1), −w a 1×1
    // conv to w channels (configuration C), and Pool a 2×2 max pool.
    private const int Pool = 0;

    /// <summary>
    /// The VGG configurations of Simonyan &amp; Zisserman (2015), Table 1: A (VGG-11), B (13), C (16 with three 1×1
    /// convolutions), D (16), E (19). A, B, D, E are torchvision's vgg11/13/16/19.
    /// </summary>
    public static IReadOnlyDictionary<string, int[]> VggConfigurations { get; } = new Dictionary<string, int[]>
    {
        ["A"] = [64, Pool, 128, Pool, 256, 256, Pool, 512, 512, Pool, 512, 512, Pool],
        ["B"] = [64, 64, Pool, 128, 128, Pool, 256, 256, Pool, 512, 512, Pool, 512, 512, Pool],
        ["C"] = [64, 64, Pool, 128, 128, Pool, 256, 256, -256, Pool, 512, 512, -512, Pool, 512, 512, -512, Pool],
        ["D"] = [64, 64, Pool, 128, 128, Pool, 256, 256, 256, Pool, 512, 512, 512, Pool, 512, 512, 512, Pool],
        ["E"] = [64, 64, Pool, 128, 128, Pool, 256, 256, 256, 256, Pool, 512, 512, 512, 512, Pool, 512, 512, 512, 512, Pool],
    };

    /// <summary>
    /// A VGG network (GBC §9.10), torchvision's <c>vgg11</c> … <c>vgg19</c> (and <c>_bn</c>) for configurations A, B, D, E:
    /// stacks of 3×3 convolutions with ReLU (and batch norm after each convolution with <paramref name="batchNorm"/>),
    /// five 2×2 max pools, adaptive average pooling to <paramref name="pooledSize"/>², then the classifier
    /// Linear(512·p², h) → ReLU → Dropout → Linear(h, h) → ReLU → Dropout → Linear(h, classes). State-dict keys and
    /// shapes equal torchvision's (<see cref="Models.Vgg"/>). Any input of at least 32×32 works: the pooling fixes the
    /// classifier's input whatever the image size (a 32×32 image's 1×1 map is repeated over the 7×7 grid).
    /// </summary>
    /// <param name="configuration">"A" … "E" (<see cref="VggConfigurations"/>)</param>
    /// <param name="hidden">the classifier's hidden width (4096 in the paper; smaller for CIFAR-sized experiments)</param>
    /// <param name="pooledSize">the side p of the pooled grid: 7 as torchvision, 1 to give 32×32 images a 512-input classifier</param>
    /// <remarks>
    /// Configuration D at 1000 classes: convolutions 14,714,688 + classifier 25088·4096+4096 + 4096·4096+4096 +
    /// 4096·1000+1000 = 123,642,856, total 138,357,544 (torchvision's vgg16).
    /// </remarks>
    public static Vgg Vgg(string configuration, int classes = 1000, bool batchNorm = false, int inChannels = 3, int hidden = 4096,
        double dropout = 0.5, int pooledSize = 7, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!VggConfigurations.TryGetValue(configuration.ToUpperInvariant(), out var layers))
            throw new ArgumentException($"Vgg: unknown configuration \"{configuration}\"; expected one of {string.Join(", ", VggConfigurations.Keys)}.");
        CheckPositive("Vgg", (nameof(classes), classes), (nameof(inChannels), inChannels), (nameof(hidden), hidden), (nameof(pooledSize), pooledSize));

        var features = new Sequential();
        int width = inChannels;
        foreach (var layer in layers)
        {
            if (layer == Pool)
            {
                features.Add(new MaxPool2d(2));
                continue;
            }
            int kernel = layer > 0 ? 3 : 1, outWidth = Math.Abs(layer);
            features.Add(new Conv2d(width, outWidth, kernel, padding: kernel / 2, generator: generator));
            if (batchNorm) features.Add(new BatchNorm2d(outWidth));
            features.Add(new ReLU());
            width = outWidth;
        }
        var classifier = new Sequential(
            new Linear(width * pooledSize * pooledSize, hidden, generator: generator), new ReLU(), new Dropout(dropout),
            new Linear(hidden, hidden, generator: generator), new ReLU(), new Dropout(dropout),
            new Linear(hidden, classes, generator: generator));
        return HeInitialized(new Models.Vgg(features, pooledSize, classifier), FanMode.FanOut, generator);
    }
}

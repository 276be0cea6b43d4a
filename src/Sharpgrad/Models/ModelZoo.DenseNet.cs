using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// DenseNet-121 (Huang et al. 2017, Table 1), torchvision's <c>densenet121</c>: a 7×7/2 conv to 64 channels, BN,
    /// ReLU, 3×3/2 max pool, dense blocks of 6, 12, 24, 16 <see cref="DenseLayer"/>s (growth rate k = 32, bottleneck
    /// 4k) joined by <see cref="Transition"/>s that halve the channels and the resolution, a final BN, then ReLU,
    /// global average pooling and fc. 7,978,856 parameters at 1000 classes; state-dict keys and shapes equal
    /// torchvision's.
    /// </summary>
    public static DenseNet DenseNet121(int classes = 1000, int inChannels = 3, Generator? generator = null)
    {
        CheckPositive("DenseNet121", (nameof(classes), classes), (nameof(inChannels), inChannels));
        const int initFeatures = 64;
        var features = new Sequential()
            .Add("conv0", new Conv2d(inChannels, initFeatures, 7, stride: 2, padding: 3, bias: false, generator: generator))
            .Add("norm0", new BatchNorm2d(initFeatures))
            .Add("relu0", new ReLU())
            .Add("pool0", new MaxPool2d(3, stride: 2, padding: 1));
        return DenseBlocks(features, initFeatures, [6, 12, 24, 16], growthRate: 32, compression: 0.5, classes, generator);
    }

    /// <summary>
    /// DenseNet-BC for 32×32 images (Huang et al. 2017 §3–4): a 3×3 conv to 2k channels (features.conv0), three dense
    /// blocks of n = (depth − 4)/6 <see cref="DenseLayer"/>s (bottleneck "B"), joined by <see cref="Transition"/>s that
    /// keep ⌊θ·channels⌋ (compression "C"), then BN → ReLU → global average pooling → fc, named as torchvision's
    /// DenseNet (<see cref="Models.DenseNet"/>). DenseNet-BC-100 with k = 12 has 769,162 parameters (the paper's 0.8M).
    /// </summary>
    /// <param name="depth">6n + 4: 100, 190, 250 …</param>
    /// <param name="growthRate">k, the channels each dense layer adds</param>
    /// <param name="compression">θ in (0, 1], the fraction of channels a transition keeps</param>
    public static DenseNet DenseNetBC(int depth = 100, int growthRate = 12, int classes = 10, double compression = 0.5, int inChannels = 3,
        Generator? generator = null)
    {
        if (depth < 10 || (depth - 4) % 6 != 0)
            throw new ArgumentException($"DenseNetBC: depth must be 6n + 4 with n ≥ 1 (e.g. 100, 190, 250), got {depth}.");
        if (!(compression > 0 && compression <= 1))
            throw new ArgumentException($"DenseNetBC: compression must be in (0, 1], got {compression}.");
        CheckPositive("DenseNetBC", (nameof(growthRate), growthRate), (nameof(classes), classes), (nameof(inChannels), inChannels));
        int layersPerBlock = (depth - 4) / 6, width = 2 * growthRate;
        var features = new Sequential().Add("conv0", new Conv2d(inChannels, width, 3, padding: 1, bias: false, generator: generator));
        return DenseBlocks(features, width, [layersPerBlock, layersPerBlock, layersPerBlock], growthRate, compression, classes, generator);
    }

    /// <summary>
    /// Appends to the stem <paramref name="features"/> (producing <paramref name="width"/> channels) torchvision's
    /// denseblock1, transition1, …, denseblockN and norm5 (named so whatever the number of blocks, as torchvision),
    /// adds the classifier and draws the convolutions He-normal with fan-in, as torchvision's DenseNet does.
    /// </summary>
    private static DenseNet DenseBlocks(Sequential features, int width, int[] layersPerBlock, int growthRate, double compression, int classes,
        Generator? generator)
    {
        for (int block = 0; block < layersPerBlock.Length; block++)
        {
            var dense = new Sequential();
            for (int i = 0; i < layersPerBlock[block]; i++, width += growthRate)
                dense.Add($"denselayer{i + 1}", new DenseLayer(width, growthRate, generator: generator));
            features.Add($"denseblock{block + 1}", dense);
            if (block == layersPerBlock.Length - 1) break;
            int compressed = (int)Math.Floor(compression * width);
            features.Add($"transition{block + 1}", new Transition(width, compressed, generator: generator));
            width = compressed;
        }
        features.Add("norm5", new BatchNorm2d(width));
        return HeInitialized(new Models.DenseNet(features, new Linear(width, classes, generator: generator)), FanMode.FanIn, generator);
    }
}

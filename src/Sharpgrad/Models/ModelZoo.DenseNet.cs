using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// DenseNet-BC for 32×32 images (Huang et al. 2017 §3–4): a 3×3 conv to 2k channels, three dense blocks of
    /// n = (depth − 4)/6 <see cref="DenseLayer"/>s (bottleneck "B"), joined by <see cref="Transition"/>s that keep
    /// ⌊θ·channels⌋ (compression "C"), then BN → ReLU → global average pooling → fc. Children: 0 conv, 1 block,
    /// 2 transition, 3 block, 4 transition, 5 block (blocks are Sequential), 6 BN, 7 ReLU, 8 pool, 9 fc.
    /// DenseNet-BC-100 with k = 12 has 769,162 parameters (the paper's 0.8M).
    /// </summary>
    /// <param name="depth">6n + 4: 100, 190, 250 …</param>
    /// <param name="growthRate">k, the channels each dense layer adds</param>
    /// <param name="compression">θ in (0, 1], the fraction of channels a transition keeps</param>
    public static Sequential DenseNetBC(int depth = 100, int growthRate = 12, int classes = 10, double compression = 0.5, int inChannels = 3,
        Generator? generator = null)
    {
        if (depth < 10 || (depth - 4) % 6 != 0)
            throw new ArgumentException($"DenseNetBC: depth must be 6n + 4 with n ≥ 1 (e.g. 100, 190, 250), got {depth}.");
        if (!(compression > 0 && compression <= 1))
            throw new ArgumentException($"DenseNetBC: compression must be in (0, 1], got {compression}.");
        CheckPositive("DenseNetBC", (nameof(growthRate), growthRate), (nameof(classes), classes), (nameof(inChannels), inChannels));
        int layersPerBlock = (depth - 4) / 6;
        int width = 2 * growthRate;
        var model = new Sequential(new Conv2d(inChannels, width, 3, padding: 1, bias: false, generator: generator));
        for (int block = 0; block < 3; block++)
        {
            var dense = new Sequential();
            for (int i = 0; i < layersPerBlock; i++, width += growthRate)
                dense.Add(new DenseLayer(width, growthRate, generator: generator));
            model.Add(dense);
            if (block == 2) break;
            int compressed = (int)Math.Floor(compression * width);
            model.Add(new Transition(width, compressed, generator: generator));
            width = compressed;
        }
        model.Add(new BatchNorm2d(width)).Add(new ReLU()).Add(new GlobalAvgPool()).Add(new Linear(width, classes, generator: generator));
        return HeInitialized(model, generator);
    }
}

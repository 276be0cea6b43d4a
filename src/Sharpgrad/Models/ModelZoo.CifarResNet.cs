using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>ResNet-20 for 32×32 images (He et al. 2016 §4.2, n = 3): 269,722 parameters with option A, 272,474 with B.</summary>
    public static ResNet ResNet20(int classes = 10, ShortcutOption shortcut = ShortcutOption.A, int inChannels = 3, Generator? generator = null)
        => CifarResNet(20, classes, shortcut, inChannels, generator: generator);

    /// <summary>ResNet-56 for 32×32 images (n = 9): 853,018 parameters with option A.</summary>
    public static ResNet ResNet56(int classes = 10, ShortcutOption shortcut = ShortcutOption.A, int inChannels = 3, Generator? generator = null)
        => CifarResNet(56, classes, shortcut, inChannels, generator: generator);

    /// <summary>
    /// The CIFAR-10 ResNets of He et al. (2016) §4.2: a 3×3 conv to 16 channels with BN and ReLU, then three stages of
    /// n = (depth − 2)/6 residual blocks with 16, 32, 64 filters on 32², 16², 8² maps (stages 2 and 3 start with
    /// stride 2), global average pooling and a fully connected layer: 6n + 2 weighted layers. Children named as
    /// torchvision's ResNet (<see cref="Models.ResNet"/>): conv1, bn1, relu, layer1–layer3, avgpool, fc.
    /// </summary>
    /// <param name="depth">6n + 2: 20, 32, 44, 56, 110, …</param>
    /// <param name="shortcut">option A (parameter-free, the paper's choice here) or B (projections where shapes change)</param>
    /// <param name="block">basic (the paper) or pre-activation (He et al. 2016b) blocks</param>
    public static ResNet CifarResNet(int depth, int classes = 10, ShortcutOption shortcut = ShortcutOption.A, int inChannels = 3,
        ResidualBlockKind block = ResidualBlockKind.Basic, Generator? generator = null)
    {
        if (depth < 8 || (depth - 2) % 6 != 0)
            throw new ArgumentException($"CifarResNet: depth must be 6n + 2 with n ≥ 1 (20, 32, 44, 56, 110), got {depth}.");
        if (block == ResidualBlockKind.Bottleneck)
            throw new ArgumentException("CifarResNet: bottleneck blocks are not part of the 6n + 2 design; use Basic or PreActivation.");
        CheckPositive("CifarResNet", (nameof(classes), classes), (nameof(inChannels), inChannels));
        int n = (depth - 2) / 6;
        return HeInitialized(new Models.ResNet(ResNetStem.Cifar, block, [n, n, n], shortcut, classes, inChannels, generator),
            FanMode.FanOut, generator);
    }
}

using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// ResNet-18 (He et al. 2016, Table 1), torchvision's <c>resnet18</c>: 7×7/2 conv, BN, ReLU, 3×3/2 max pool, four
    /// stages of two <see cref="BasicBlock"/>s (64, 128, 256, 512 channels; stages 2–4 start with stride 2 and a
    /// projection shortcut), global average pooling and a fully connected layer. 11,689,512 parameters at 1000
    /// classes; state-dict keys and shapes equal torchvision's.
    /// </summary>
    public static ResNet ResNet18(int classes = 1000, int inChannels = 3, Generator? generator = null)
        => ResNet(ResidualBlockKind.Basic, [2, 2, 2, 2], classes, inChannels, generator);

    /// <summary>ResNet-34: <see cref="ResNet18"/> with 3, 4, 6, 3 blocks per stage; 21,797,672 parameters at 1000 classes.</summary>
    public static ResNet ResNet34(int classes = 1000, int inChannels = 3, Generator? generator = null)
        => ResNet(ResidualBlockKind.Basic, [3, 4, 6, 3], classes, inChannels, generator);

    /// <summary>
    /// ResNet-50: 3, 4, 6, 3 <see cref="Bottleneck"/> blocks per stage, the stride on the 3×3 convolution
    /// (torchvision's "v1.5"); 25,557,032 parameters at 1000 classes.
    /// </summary>
    public static ResNet ResNet50(int classes = 1000, int inChannels = 3, Generator? generator = null)
        => ResNet(ResidualBlockKind.Bottleneck, [3, 4, 6, 3], classes, inChannels, generator);

    /// <summary>
    /// An ImageNet-style <see cref="Models.ResNet"/> with <paramref name="blocksPerStage"/>[i] blocks in stage i
    /// (64·2ⁱ planes) and projection shortcuts (option B) where the shape changes, as torchvision. Convolutions get
    /// He-normal weights (fan-out), as torchvision initialises them. Any input of at least 32×32 works (adaptive pooling).
    /// </summary>
    public static ResNet ResNet(ResidualBlockKind block, int[] blocksPerStage, int classes = 1000, int inChannels = 3,
        Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(blocksPerStage);
        CheckPositive("ResNet", [(nameof(classes), classes), (nameof(inChannels), inChannels), .. blocksPerStage.Select(n => ("blocks per stage", n))]);
        return HeInitialized(new Models.ResNet(ResNetStem.ImageNet, block, blocksPerStage, ShortcutOption.B, classes, inChannels, generator),
            FanMode.FanOut, generator);
    }

    /// <summary>
    /// Re-draws every convolution weight from He-normal N(0, 2/fan) (He et al. 2015; GBC §8.4), which keeps the
    /// activations' scale through deep ReLU stacks, as torchvision does for ResNet and VGG (fan-out) and DenseNet
    /// (fan-in). Biases keep PyTorch's default, batch norm starts at γ = 1, β = 0.
    /// </summary>
    private static T HeInitialized<T>(T model, FanMode mode, Generator? generator) where T : Module
    {
        foreach (var conv in model.Modules().OfType<ConvNd>())
            Init.KaimingNormal(conv.Weight, mode: mode, nonlinearity: Nonlinearity.ReLU, generator: generator);
        return model;
    }
}

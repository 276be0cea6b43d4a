using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// ResNet-18 (He et al. 2016, Table 1) in torchvision's layout: 7×7/2 conv, BN, ReLU, 3×3/2 max pool, four stages
    /// of two <see cref="BasicBlock"/>s (64, 128, 256, 512 channels; stages 2–4 start with stride 2 and a projection
    /// shortcut), global average pooling and a fully connected layer. 11,689,512 parameters at 1000 classes, as torchvision.
    /// </summary>
    public static Sequential ResNet18(int classes = 1000, int inChannels = 3, Generator? generator = null)
        => ResNet(ResidualBlockKind.Basic, [2, 2, 2, 2], classes, inChannels, generator);

    /// <summary>ResNet-34: <see cref="ResNet18"/> with 3, 4, 6, 3 blocks per stage; 21,797,672 parameters at 1000 classes.</summary>
    public static Sequential ResNet34(int classes = 1000, int inChannels = 3, Generator? generator = null)
        => ResNet(ResidualBlockKind.Basic, [3, 4, 6, 3], classes, inChannels, generator);

    /// <summary>ResNet-50: 3, 4, 6, 3 <see cref="Bottleneck"/> blocks per stage; 25,557,032 parameters at 1000 classes.</summary>
    public static Sequential ResNet50(int classes = 1000, int inChannels = 3, Generator? generator = null)
        => ResNet(ResidualBlockKind.Bottleneck, [3, 4, 6, 3], classes, inChannels, generator);

    /// <summary>
    /// An ImageNet-style ResNet with <paramref name="blocksPerStage"/>[i] blocks in stage i (64·2ⁱ planes). Children:
    /// 0 conv1, 1 bn1, 2 relu, 3 maxpool, 4–7 layer1–layer4 (Sequential of blocks), then (pre-activation only) BN and
    /// ReLU, the average pool, Flatten and fc — torchvision's order, positionally named. Convolutions get He-normal
    /// weights (fan-out), as torchvision initialises them. Any input of at least 32×32 works (adaptive pooling).
    /// </summary>
    public static Sequential ResNet(ResidualBlockKind block, int[] blocksPerStage, int classes = 1000, int inChannels = 3,
        Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(blocksPerStage);
        CheckPositive("ResNet", [(nameof(classes), classes), (nameof(inChannels), inChannels), .. blocksPerStage.Select(n => ("blocks per stage", n))]);
        var model = new Sequential(
            new Conv2d(inChannels, 64, 7, stride: 2, padding: 3, bias: false, generator: generator),
            new BatchNorm2d(64), new ReLU(), new MaxPool2d(3, stride: 2, padding: 1));
        int width = 64;
        for (int stage = 0; stage < blocksPerStage.Length; stage++)
            model.Add(ResidualStage(block, ref width, 64 << stage, blocksPerStage[stage], stride: stage == 0 ? 1 : 2, ShortcutOption.B, generator));
        return Head(model, block, width, classes, generator);
    }

    /// <summary>
    /// <paramref name="blocks"/> residual blocks of <paramref name="planes"/> planes, the first with
    /// <paramref name="stride"/> and, where the shape changes, a shortcut of the given <paramref name="option"/>.
    /// Advances <paramref name="width"/> (the channels flowing in) to the stage's output channels.
    /// </summary>
    private static Sequential ResidualStage(ResidualBlockKind block, ref int width, int planes, int blocks, int stride,
        ShortcutOption option, Generator? generator)
    {
        int expansion = block == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        var stage = new Sequential();
        for (int i = 0; i < blocks; i++)
        {
            int s = i == 0 ? stride : 1;
            int outWidth = planes * expansion;
            Module<Tensor, Tensor>? shortcut = s == 1 && width == outWidth ? null
                : option == ShortcutOption.A ? new ZeroPadShortcut(width, outWidth, s)
                : new Sequential(new Conv2d(width, outWidth, 1, stride: s, bias: false, generator: generator), new BatchNorm2d(outWidth));
            stage.Add(block switch
            {
                ResidualBlockKind.Basic => new BasicBlock(width, planes, s, shortcut, generator: generator),
                ResidualBlockKind.Bottleneck => new Bottleneck(width, planes, s, shortcut, generator: generator),
                _ => new PreActBlock(width, planes, s, shortcut, generator: generator),
            });
            width = outWidth;
        }
        return stage;
    }

    /// <summary>
    /// The end every ResNet shares: (for pre-activation, the final BN → ReLU that the last block leaves out) global
    /// average pooling → Flatten → fc; then He-normal (fan-out) convolution weights, as torchvision initialises ResNets.
    /// </summary>
    private static Sequential Head(Sequential model, ResidualBlockKind block, int width, int classes, Generator? generator)
    {
        if (block == ResidualBlockKind.PreActivation) model.Add(new BatchNorm2d(width)).Add(new ReLU());
        model.Add(new AdaptiveAvgPool2d(1)).Add(new Flatten()).Add(new Linear(width, classes, generator: generator));
        return HeInitialized(model, generator);
    }

    /// <summary>
    /// Re-draws every convolution weight from He-normal N(0, 2/fan_out) (He et al. 2015; GBC §8.4), which keeps the
    /// activations' scale through deep ReLU stacks; torchvision does this for ResNet, VGG and DenseNet. Biases keep
    /// PyTorch's default, batch norm starts at γ = 1, β = 0.
    /// </summary>
    private static Sequential HeInitialized(Sequential model, Generator? generator)
    {
        foreach (var conv in model.Modules().OfType<ConvNd>())
            Init.KaimingNormal(conv.Weight, mode: FanMode.FanOut, nonlinearity: Nonlinearity.ReLU, generator: generator);
        return model;
    }
}

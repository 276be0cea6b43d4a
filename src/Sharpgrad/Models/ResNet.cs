using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// A residual network (He et al. 2016; GBC §9.10) laid out like torchvision's <c>ResNet</c>, so its state dict has
/// torchvision's keys in torchvision's order: children conv1, bn1, relu, maxpool, layer1…layerN (a Sequential of
/// blocks each, named "0", "1", …), avgpool, fc. Forward: stem → stages → global average pooling → flatten → fc.
/// Built by <see cref="ModelZoo.ResNet18"/>, <see cref="ModelZoo.ResNet50"/>, <see cref="ModelZoo.CifarResNet"/> etc.
/// </summary>
/// <remarks>
/// The CIFAR stem has no max pool; a pre-activation network (He et al. 2016b) has no bn1/relu after a CIFAR stem
/// (its first block normalises) and ends its stages with bn_final and relu_final, the BN → ReLU its last block leaves
/// out. Stage i has 64·2ⁱ planes (16·2ⁱ for CIFAR); every stage but the first starts with stride 2.
/// </remarks>
public sealed class ResNet : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> body = []; // every child before fc, in call order

    internal ResNet(ResNetStem stem, ResidualBlockKind block, int[] blocksPerStage, ShortcutOption shortcut, int classes, int inChannels,
        Generator? generator)
    {
        bool imageNet = stem == ResNetStem.ImageNet;
        int width = imageNet ? 64 : 16;
        Add("conv1", imageNet
            ? new Conv2d(inChannels, width, 7, stride: 2, padding: 3, bias: false, generator: generator)
            : new Conv2d(inChannels, width, 3, padding: 1, bias: false, generator: generator));
        // A pre-activation network normalises inside its first block; only the ImageNet stem keeps its own BN and ReLU.
        if (imageNet || block != ResidualBlockKind.PreActivation) Add("bn1", new BatchNorm2d(width)).Add("relu", new ReLU());
        if (imageNet) Add("maxpool", new MaxPool2d(3, stride: 2, padding: 1));
        int basePlanes = width;
        for (int stage = 0; stage < blocksPerStage.Length; stage++)
            Add($"layer{stage + 1}", Stage(block, ref width, basePlanes << stage, blocksPerStage[stage], stride: stage == 0 ? 1 : 2, shortcut, generator));
        if (block == ResidualBlockKind.PreActivation) Add("bn_final", new BatchNorm2d(width)).Add("relu_final", new ReLU());
        Add("avgpool", new AdaptiveAvgPool2d(1));
        Fc = RegisterModule("fc", new Linear(width, classes, generator: generator));
    }

    /// <summary>The classifier, [N, channels of the last stage] → [N, classes].</summary>
    public Linear Fc { get; }

    // Training recycles the step's activations once backward has freed its graph (GBC §6.5.6: back-prop reads the
    // forward values only through the graph); inference recycles each stage's activations once the next layer has read
    // them (LayerChainBuffers; in a feed-forward chain, GBC §6 and §9, only the next layer reads an activation). Both
    // check at run time that the tree holds only the layer types below and no hook (a user may Add any module to a stage).
    protected override Tensor ForwardCore(Tensor input) => TrainingCallRecycling.Run(this, LayersThatKeepNothing, () =>
    {
        var x = input;
        using (var buffers = LayerChainBuffers.Open(this, LayersThatKeepNothing))
            foreach (var layer in body) x = buffers.Next(layer.Forward(x));
        return Fc.Forward(x.Flatten(1));
    });

    /// <summary>
    /// The exact types this constructor builds, and the other feed-forward layers; none runs user code or keeps a tensor
    /// it computes or sees (checked by reading each one's forward), so their activations may be recycled.
    /// </summary>
    private static readonly IReadOnlySet<Type> LayersThatKeepNothing = FeedForwardLayers.With(
        typeof(ResNet), typeof(BasicBlock), typeof(Bottleneck), typeof(PreActBlock), typeof(ZeroPadShortcut));

    private ResNet Add(string name, Module<Tensor, Tensor> module)
    {
        body.Add(RegisterModule(name, module));
        return this;
    }

    /// <summary>
    /// <paramref name="blocks"/> residual blocks of <paramref name="planes"/> planes, the first with
    /// <paramref name="stride"/> and, where the shape changes, a shortcut of the given <paramref name="option"/>
    /// (torchvision's "downsample": 1×1 conv and BN for option B). Advances <paramref name="width"/> (the channels
    /// flowing in) to the stage's output channels.
    /// </summary>
    private static Sequential Stage(ResidualBlockKind block, ref int width, int planes, int blocks, int stride, ShortcutOption option,
        Generator? generator)
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
}
